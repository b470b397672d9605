from typing import Dict, List, Tuple

NAMES: Tuple[str, ...]
CLASSES: Dict[str, Tuple[str, ...]]

def load_data(name: str) -> Tuple[List[List[float]], List[List[float]]]: ...
