"""A tiny MiniSBD sentence-boundary model in ONNX, written without the onnx package.

`argostranslate.translate` splits sentences with MiniSBD and downloads a model unless the
package has a `minisbd/` folder with an `.onnx` file; this writes one with a hand-rolled
protobuf encoder (the few ONNX message fields it needs).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _field(num: int, value) -> bytes:
    if isinstance(value, int):
        return _varint(num << 3) + _varint(value)
    if isinstance(value, str):
        value = value.encode("utf-8")
    return _varint((num << 3) | 2) + _varint(len(value)) + value


def _tensor(name: str, dims: list[int], data_type: int, raw: bytes) -> bytes:
    out = b"".join(_field(1, d) for d in dims)
    return out + _field(2, data_type) + _field(8, name) + _field(9, raw)


def _value_info(name: str, elem_type: int, dims: list) -> bytes:
    shape = b"".join(_field(1, _field(2, d) if isinstance(d, str) else _field(1, d)) for d in dims)
    tensor_type = _field(1, elem_type) + _field(2, shape)
    return _field(1, name) + _field(2, _field(1, tensor_type))


def _node(op: str, inputs: list[str], outputs: list[str], attrs: bytes = b"") -> bytes:
    out = b"".join(_field(1, i) for i in inputs) + b"".join(_field(2, o) for o in outputs)
    return out + _field(4, op) + attrs


def write_minisbd_onnx(path: Path, *, lang: str = "xx") -> Path:
    """Write a minimal MiniSBD ONNX model: every character ends a token, no sentence breaks.

    MiniSBD forces a sentence end at the end of each paragraph, so each input line is one
    sentence, which is what a benchmark over single sentences needs. Inputs `units`
    (int64 [B, N]) and `features` (float [B, N, 1]); output logits [B, N, 3]. The config and
    character vocabulary live in the model's metadata, as MiniSBD expects.
    """
    FLOAT, INT64 = 1, 7
    cast_to_float = _field(5, _field(1, "to") + _field(3, FLOAT) + _field(20, 2))
    nodes = [
        _node("Cast", ["units"], ["uf"], cast_to_float),
        _node("Unsqueeze", ["uf", "axes"], ["u3"]),
        _node("Mul", ["u3", "zero3"], ["z3"]),
        _node("Add", ["z3", "bias3"], ["logits"]),
    ]
    inits = [
        _tensor("axes", [1], INT64, np.array([2], np.int64).tobytes()),
        _tensor("zero3", [3], FLOAT, np.zeros(3, np.float32).tobytes()),
        _tensor("bias3", [3], FLOAT, np.array([0.0, 1.0, 0.0], np.float32).tobytes()),
    ]
    graph = b"".join(_field(1, n) for n in nodes) + _field(2, "tiny_sbd")
    graph += b"".join(_field(5, t) for t in inits)
    graph += _field(11, _value_info("units", INT64, ["batch", "length"]))
    graph += _field(11, _value_info("features", FLOAT, ["batch", "length", 1]))
    graph += _field(12, _value_info("logits", FLOAT, ["batch", "length", 3]))
    config = {"feat_funcs": ["space_before"], "max_seqlen": 1000, "batch_size": 32}
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
             "_id2unit": ["<PAD>", "<UNK>"], "_unit2id": {"<PAD>": 0, "<UNK>": 1}}
    meta = {"lang_code": lang, "config": json.dumps(config), "vocab": json.dumps(vocab)}
    model = _field(1, 8) + _field(2, "i18n-tests") + _field(7, graph)
    model += _field(8, _field(1, "") + _field(2, 13))
    model += b"".join(_field(14, _field(1, k) + _field(2, v)) for k, v in meta.items())
    path.write_bytes(model)
    return path
