# Writes pytorch_model.bin (torch.save zip format) holding the same weights as
# ../gpt2-reference/model_prefixed.safetensors, names and dtypes unchanged (legacy GPT2LMHeadModel layout).
# Run: /usr/bin/python3 make_bin.py   (Debian python3-torch 1.13)
import json, struct, collections, numpy as np, torch
src = "../gpt2-reference/model_prefixed.safetensors"
raw = open(src, "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n])
data = raw[8 + n:]
dtypes = {"F32": np.float32, "U8": np.uint8}
state = collections.OrderedDict()
for name, e in header.items():
    if name == "__metadata__":
        continue
    b, end = e["data_offsets"]
    arr = np.frombuffer(data[b:end], dtype=dtypes[e["dtype"]]).reshape(e["shape"]).copy()
    state[name] = torch.from_numpy(arr)
torch.save(state, "pytorch_model.bin")
print(len(state), "tensors")
