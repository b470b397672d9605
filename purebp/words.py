"""The words about each activation and loss: for explain, the command line, pictures.

They are read as attributes of an activation or a loss
(``ACTIVATIONS["tanh"].about``, ``LOSSES["sse"].says``), the first time one
is asked for (their ``__getattr__``): training needs none of them, so a
microcontroller's heap does not hold them while it trains. What each text
is: ``purebp.activations.Activation`` and ``purebp.losses.Loss``.
"""

ACTIVATION_WORDS = {
    "sigmoid": {
        "numpy": "1 / (1 + np.exp(-{z}))",
        "numpy_slope": "{l} * (1 - {l})",
        "formula": "sigmoid(z)",
        "slope_formula": "{l}(1-{l})",
        "says": ("the sigmoid squashes z into (0, 1)", "sigmoid 把 z 压到 (0, 1) 之间"),
        "slope_says": ("the sigmoid's slope, l * (1 - l)", "sigmoid 的斜率 l * (1 - l)"),
        "about": "1 / (1 + e**-z), between 0 and 1: the article's",
    },
    "tanh": {
        "numpy": "np.tanh({z})",
        "numpy_slope": "1 - {l} ** 2",
        "formula": "tanh(z)",
        "slope_formula": "1-{l}**2",
        "says": ("tanh squashes z into (-1, 1)", "tanh 把 z 压到 (-1, 1) 之间"),
        "slope_says": ("tanh's slope, 1 - l**2", "tanh 的斜率 1 - l**2"),
        "about": "between -1 and 1, centred on 0: often learns faster than the sigmoid",
    },
    "relu": {
        "numpy": "np.maximum({z}, 0)",
        "numpy_slope": "({l} > 0) * 1.0",
        "formula": "relu(z)",
        "slope_formula": "({l}>0)",
        "says": ("ReLU keeps z where it is positive, else gives 0", "ReLU 保留正的 z，其余取 0"),
        "slope_says": ("ReLU's slope, 1 where l > 0, else 0", "ReLU 的斜率：l > 0 处为 1，其余为 0"),
        "about": "z if z > 0, else 0: never saturates above 0; use a smaller learning rate",
    },
    "softmax": {
        "numpy": "e / e.sum(axis=1, keepdims=True)",
        "numpy_slope": None,
        "formula": "softmax(z)",
        "slope_formula": None,
        "says": ("softmax turns each row of z into shares that sum to 1",
                 "softmax 把 z 的每一行变成和为 1 的份额"),
        "slope_says": None,
        "about": "the softmax loss's output: each row's outputs are shares summing to 1",
    },
}

# A loss without one of these texts has the default.
LOSS_DEFAULTS = {"numpy_value": None, "numpy_start": None, "formula": None, "about": None,
            "task": None, "says": (None, None), "value_says": (None, None), "lr_note": None,
            "article": None, "symbol": None, "dloss_symbol": None}

LOSS_WORDS = {
    "half-sse": {
        "numpy_value": "np.sum((y - l) ** 2) / 2",
        "numpy_start": "y - l",
        "formula": "sum((y - l)**2) / 2",
        "says": ("for half the sum of squared errors: y - l", "平方误差和的一半：y - l"),
        "value_says": ("half the sum of squared errors", "平方误差和的一半"),
        "about": "the 8-line program's (y - l): half the sum of squared errors",
        "task": "the article's regression; steps grow with the rows",
        "lr_note": "on 4 rows; 0.3 on 80",
        "article": ("(y - l)", "(y - l)"),
        "symbol": 'half Σ(y − l)²',
        "dloss_symbol": 'd loss/d l = −(y − l)',
    },
    "sse": {
        "numpy_value": "np.sum((y - l) ** 2)",
        "numpy_start": "2 * (y - l)",
        "formula": "sum((y - l)**2)",
        "says": ("for the sum of squared errors: 2 * (y - l)", "平方误差和：2 * (y - l)"),
        "value_says": ("the sum of squared errors", "平方误差和"),
        "about": "the expanded program's 2 * (y - l): the sum of squared errors",
        "task": "the article's regression; steps grow with the rows",
        "lr_note": "on 4 rows; 0.1 on 80",
        "article": ("loss_derivative = 2 * (y - l)", "loss_derivative"),
        "symbol": 'Σ(y − l)²',
        "dloss_symbol": 'd loss/d l = −2(y − l)',
    },
    "mse": {
        "numpy_value": "np.mean((y - l) ** 2)",
        "numpy_start": "2 * (y - l) / y.size",
        "formula": "mean((y - l)**2)",
        "says": ("for the mean of the squared errors over the y.size entries: "
                 "2 * (y - l) / y.size",
                 "对 y 的全部 y.size 个元素求平方误差的平均：2 * (y - l) / y.size"),
        "value_says": ("the mean of the squared errors", "平方误差的平均"),
        "about": "mean squared error, 2 * (y - l) / y.size: the rate does not depend on the rows",
        "task": "regression on data of any size",
        "symbol": 'mean of (y − l)²',
        "dloss_symbol": 'd loss/d l = −2(y − l) / n',
    },
    "cross-entropy": {
        "numpy_value": "-np.mean(y * np.maximum(np.log(l), -100) "
                       "+ (1 - y) * np.maximum(np.log(1 - l), -100))",
        "numpy_start": "(y - l) / y.size",
        "formula": "-mean(y log l + (1 - y) log(1 - l))",
        "says": ("the sigmoid's slope l(1-l) cancels with the log's 1/(l(1-l)): "
                 "d loss/d z is -(y - l) / y.size, so l_delta = (y - l) / y.size directly",
                 "sigmoid 的斜率 l(1-l) 与对数的导数 1/(l(1-l)) 相消："
                 "d loss/d z = -(y - l) / y.size，所以直接得到 l_delta = (y - l) / y.size"),
        "value_says": ("the cross-entropy, the mean over every entry",
                       "交叉熵，对所有元素求平均"),
        "about": "binary cross-entropy of sigmoid outputs: the slope cancels, so saturated "
                 "outputs still learn",
        "task": "yes/no targets (0 or 1), one or more outputs",
        "symbol": 'binary cross-entropy',
        "dloss_symbol": 'd loss/d z = −(y − l) / n',
    },
    "softmax": {
        "numpy_value": "-np.sum(y * np.maximum(np.log(l), -100)) / len(y)",
        "numpy_start": "(y - l) / len(y)",
        "formula": "-sum(y log l) / rows",
        "says": ("softmax's slope cancels with the log's: d loss/d z is -(y - l) / rows, "
                 "so l_delta = (y - l) / len(y) directly",
                 "softmax 的斜率与对数的导数相消：d loss/d z = -(y - l) / 行数，"
                 "所以直接得到 l_delta = (y - l) / len(y)"),
        "value_says": ("the cross-entropy of the softmax outputs, the mean over rows",
                       "softmax 输出的交叉熵，对各行求平均"),
        "about": "softmax outputs with cross-entropy: one class per row, two or more outputs",
        "task": "classes: one output per class, targets one-hot",
        "symbol": 'softmax cross-entropy',
        "dloss_symbol": 'd loss/d z = −(y − l) / rows',
    },
}
