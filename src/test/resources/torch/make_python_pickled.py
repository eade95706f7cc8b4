"""Writes python_pickled.pt: a torch.save-shaped file produced by CPython's own pickler (protocol 2, as
torch.save uses), without needing torch. Stand-in classes and functions carry torch's module names, so
the bytes are what torch.save(model.state_dict(), path) writes for:
  - a state_dict OrderedDict with the _metadata attribute (pickled as BUILD after SETITEMS),
  - tied weights (two keys viewing one storage) and a transposed (non-contiguous) view,
  - a float16 tensor and an int64 num_batches_tracked scalar.
Run from this directory: python3 make_python_pickled.py
"""
import collections
import io
import pickle
import struct
import sys
import types
import zipfile

torch = types.ModuleType("torch")
utils = types.ModuleType("torch._utils")
sys.modules["torch"] = torch
sys.modules["torch._utils"] = utils


def _rebuild_tensor_v2(*args):
    raise AssertionError("never called")


_rebuild_tensor_v2.__module__ = "torch._utils"
utils._rebuild_tensor_v2 = _rebuild_tensor_v2


def storage_class(name):
    cls = type(name, (), {})
    cls.__module__ = "torch"
    setattr(torch, name, cls)
    return cls


FloatStorage = storage_class("FloatStorage")
HalfStorage = storage_class("HalfStorage")
LongStorage = storage_class("LongStorage")


class Storage:
    def __init__(self, key, cls, fmt, values):
        self.key, self.cls, self.numel = key, cls, len(values)
        self.data = struct.pack("<%d%s" % (len(values), fmt), *values)


class Tensor:
    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, size, stride, False, collections.OrderedDict())

    def __reduce_ex__(self, proto):
        return (_rebuild_tensor_v2, self.args)


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", obj.cls, obj.key, "cpu", obj.numel)
        return None


w = Storage("0", FloatStorage, "f", [0.5, -1.0, 2.0, 3.25, -4.0, 5.5])
b = Storage("1", HalfStorage, "e", [1.0, -2.0, 0.1])
n = Storage("2", LongStorage, "q", [1234])

sd = collections.OrderedDict()
sd["enc.weight"] = Tensor(w, 0, (2, 3), (3, 1))
sd["dec.weight"] = Tensor(w, 0, (3, 2), (1, 3))  # tied, transposed
sd["enc.bias"] = Tensor(b, 0, (3,), (1,))
sd["bn.num_batches_tracked"] = Tensor(n, 0, (), ())
sd._metadata = collections.OrderedDict([("", {"version": 1}), ("enc", {"version": 1}), ("bn", {"version": 2})])

buf = io.BytesIO()
TorchPickler(buf, protocol=2).dump(sd)

with zipfile.ZipFile("python_pickled.pt", "w", zipfile.ZIP_STORED) as z:
    z.writestr("python_pickled/data.pkl", buf.getvalue())
    z.writestr("python_pickled/byteorder", "little")
    for s in (w, b, n):
        z.writestr("python_pickled/data/" + s.key, s.data)
    z.writestr("python_pickled/version", "3\n")
