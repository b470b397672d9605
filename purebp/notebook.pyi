from .gradcheck import GradientCheck
from .narration import Story
from .model import Model
from .network import Training
from .svg import SVG

MOST_EDGES: int
GAP: int
MOST_ROWS: int

def training_svg(result: Training) -> SVG: ...
def model_svg(model: Model) -> SVG: ...
def story_html(story: Story, lang: str = "en") -> str: ...
def gradcheck_html(check: GradientCheck, most: int = ...) -> str: ...
