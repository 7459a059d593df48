#!/usr/bin/env python3
"""PyTorch peer for the `collect` benchmark: the same batched GPT-2 forward, with a forward hook recording the MLP
activations (post-GELU) of every layer, stopping after the last layer (no final LayerNorm, no logits), like collection.

Usage: collect_forward.py (--model-dir DIR | --small) [--batch 8] [--tokens 64] [--seconds 20] [--threads 2]
Prints one JSON line: tokens per second, fp32 matmul GFLOPS (1024^3) and the BLAS settings seen."""
import argparse, json, math, os, struct, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load_safetensors(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    kinds = {"F32": np.float32, "F16": np.float16}
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, end = e["data_offsets"]
        arr = np.frombuffer(data[b:end], dtype=kinds[e["dtype"]]).reshape(e["shape"]).astype(np.float32)
        out[name[len("transformer."):] if name.startswith("transformer.") else name] = torch.from_numpy(arr.copy())
    return out


class Block(nn.Module):
    def __init__(self, w, i, cfg):
        super().__init__()
        p = lambda k: nn.Parameter(w[f"h.{i}.{k}"], requires_grad=False)
        self.ln1w, self.ln1b, self.ln2w, self.ln2b = p("ln_1.weight"), p("ln_1.bias"), p("ln_2.weight"), p("ln_2.bias")
        self.attn_w, self.attn_b = p("attn.c_attn.weight"), p("attn.c_attn.bias")
        self.proj_w, self.proj_b = p("attn.c_proj.weight"), p("attn.c_proj.bias")
        self.fc_w, self.fc_b = p("mlp.c_fc.weight"), p("mlp.c_fc.bias")
        self.out_w, self.out_b = p("mlp.c_proj.weight"), p("mlp.c_proj.bias")
        self.act = nn.GELU(approximate="tanh")
        self.h, self.eps = cfg["n_head"], cfg["layer_norm_epsilon"]

    def forward(self, x, mask, last):
        b, t, e = x.shape
        h = F.layer_norm(x, (e,), self.ln1w, self.ln1b, self.eps)
        q, k, v = torch.addmm(self.attn_b, h.view(-1, e), self.attn_w).view(b, t, 3, self.h, e // self.h).permute(2, 0, 3, 1, 4)
        a = (q @ k.transpose(-1, -2)) / math.sqrt(e // self.h)
        a = a.masked_fill(mask[:t, :t], float("-inf")).softmax(-1) @ v
        x = x + torch.addmm(self.proj_b, a.transpose(1, 2).reshape(-1, e), self.proj_w).view(b, t, e)
        h = F.layer_norm(x, (e,), self.ln2w, self.ln2b, self.eps)
        post = self.act(torch.addmm(self.fc_b, h.view(-1, e), self.fc_w))
        if last:
            return x
        return x + torch.addmm(self.out_b, post, self.out_w).view(b, t, e)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir")
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--tokens", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    if args.small:
        cfg = {"n_layer": 12, "n_head": 12, "n_embd": 768, "n_inner": 3072, "vocab_size": 50257, "n_positions": 1024, "layer_norm_epsilon": 1e-5}
        e, m = 768, 3072
        w = {"wte.weight": torch.randn(50257, e) * 0.02, "wpe.weight": torch.randn(1024, e) * 0.01}
        for i in range(12):
            for k, shape in [("ln_1.weight", (e,)), ("ln_1.bias", (e,)), ("ln_2.weight", (e,)), ("ln_2.bias", (e,)),
                             ("attn.c_attn.weight", (e, 3 * e)), ("attn.c_attn.bias", (3 * e,)), ("attn.c_proj.weight", (e, e)),
                             ("attn.c_proj.bias", (e,)), ("mlp.c_fc.weight", (e, m)), ("mlp.c_fc.bias", (m,)),
                             ("mlp.c_proj.weight", (m, e)), ("mlp.c_proj.bias", (e,))]:
                w[f"h.{i}.{k}"] = torch.randn(*shape) * 0.02 + (1 if k.endswith("ln_1.weight") or k.endswith("ln_2.weight") else 0)
    else:
        cfg = json.load(open(os.path.join(args.model_dir, "config.json")))
        w = load_safetensors(os.path.join(args.model_dir, "model.safetensors"))
    blocks = [Block(w, i, cfg) for i in range(cfg["n_layer"])]
    recorded = []
    for blk in blocks:
        blk.act.register_forward_hook(lambda mod, inp, out: recorded.append(out))
    wte, wpe = w["wte.weight"], w["wpe.weight"]
    mask = torch.triu(torch.ones(args.tokens, args.tokens, dtype=torch.bool), 1)
    gen = torch.Generator().manual_seed(1)

    def forward(ids):
        recorded.clear()
        x = wte[ids] + wpe[: ids.shape[1]]
        for i, blk in enumerate(blocks):
            x = blk(x, mask, i == len(blocks) - 1)
        return [r.view(ids.shape[0], ids.shape[1], -1) for r in recorded]

    with torch.inference_mode():
        ids = torch.randint(0, 50257, (args.batch, args.tokens), generator=gen)
        forward(ids)
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < args.seconds:
            acts = forward(torch.randint(0, 50257, (args.batch, args.tokens), generator=gen))
            assert len(acts) == cfg["n_layer"]
            done += args.batch * args.tokens
        rate = done / (time.perf_counter() - start)
        a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
        a @ b
        best = 0.0
        for _ in range(5):
            t0 = time.perf_counter(); a @ b; best = max(best, 2 * 1024 ** 3 / (time.perf_counter() - t0) / 1e9)
    print(json.dumps({"tokens_per_second": rate, "matmul_gflops": best, "torch": torch.__version__,
                      "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"), "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE"),
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
