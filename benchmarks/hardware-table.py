"""Prints the README's "How close to hardware" tables: the error table of claims/hardware.yaml
(msqsim's figure, the measured one, the signed error) and msqsim's figures for the held-out setups
of ../shared/facts/measured.md §3 (their measured figures are not in this repository).
Run from the repository root after building cli/target/msqsim.jar:  python3 benchmarks/hardware-table.py
[--readme: write them into README.md between their <!-- hardware-table --> and <!-- hardware-heldout --> markers]"""
import io, json, re, subprocess, sys
from contextlib import redirect_stdout

JAR = ["java", "-jar", "cli/target/msqsim.jar"]
v = json.loads(subprocess.run(JAR + ["validate", "claims/hardware.yaml", "--format", "json"],
                              capture_output=True, text=True).stdout)

def fmt(x, metric):
    if metric == "latency_ms":
        return "%.2f ms" % x
    if metric.startswith("ddr_gbps"):
        return "%.2f GB/s" % x
    return "{:,.1f}".format(x) if x != int(x) else "{:,}".format(int(x))

by_id = {c["id"]: c for c in v["claims"]}
tables = io.StringIO()
held = io.StringIO()
out = redirect_stdout(tables)
out.__enter__()
print("| setup (ZCU102, one B4096 core, 287 MHz) | figure | msqsim | measured | error |")
print("|---|---|---:|---:|---:|")
for c in v["claims"]:
    if c["metric"] in ("latency_ms", "ddr_gbps_average", "ddr_gbps_peak_layer"):
        what = {"latency_ms": "latency (E2E − 1.0 ms host)", "ddr_gbps_average": "DDR average",
                "ddr_gbps_peak_layer": "DDR peak"}[c["metric"]]
        print("| %s (`%s`) | %s | %s | %s | %+.1f %% |" % (c["id"].split(".")[2], c["args"]["model"], what,
              fmt(c["simulated"], c["metric"]), fmt(c["expected"], c["metric"]), c["deviation_percent"]))
print()
print("| design (ZCU102) | LUT msqsim / PG338 | FF | BRAM36 | DSP |")
print("|---|---:|---:|---:|---:|")
for size in ("b512", "b1024", "b1600", "b4096"):
    for suffix in ("", "-lowdsp"):
        d = "dpu-%s%s" % (size, suffix)
        cells = []
        for r in ("lut", "ff", "bram36", "dsp"):
            c = by_id["zcu102.%s.%s" % (d, r)]
            cells.append("%s / %s (%+.0f %%)" % (fmt(c["simulated"], r), fmt(c["expected"], r), c["deviation_percent"]))
        print("| `%s` | %s |" % (d, " | ".join(cells)))
out.__exit__(None, None, None)
out = redirect_stdout(held)
out.__enter__()
print("| held-out setup | " + " | ".join(["resnet50_v1", "resnet50", "resnet18", "mobilenet_v2", "mobilenet_v1"]) + " |")
print("|---|" + "---:|" * 5)
for board, design, clock in [("zcu104", "dpu-b4096", 305), ("kv260", "dpu-b4096", 300),
                             ("ultra96-v2", "dpu-b1600", 287), ("zcu102", "dpu-b4096", 281)]:
    row = []
    for model in ["resnet50_v1", "resnet50", "resnet18", "mobilenet_v2", "mobilenet_v1"]:
        j = json.loads(subprocess.run(JAR + ["run", "--board", board, "--design", design, "--clock-mhz", str(clock),
                                             "--model", model, "--bits", "8", "--sp2-fraction", "0",
                                             "--timing-only", "--format", "json"],
                                      capture_output=True, text=True, check=True).stdout)
        row.append("%.2f ms" % j["latency_ms"])
    print("| %s %s @ %d MHz | %s |" % (board, design, clock, " | ".join(row)))
out.__exit__(None, None, None)

# Where msqsim's latency goes on each latency claim's setup: the array at its peak, the rest of the
# compute time (fill and drain of each fold, folds the layer fills only partly), waits for DDR.
misses = io.StringIO()
with redirect_stdout(misses):
    print("| network | msqsim | at the array's peak | fill, drain, partial folds | waiting for DDR | depthwise engine |")
    print("|---|---:|---:|---:|---:|---:|")
    for c in v["claims"]:
        if c["metric"] != "latency_ms":
            continue
        a = c["args"]
        j = json.loads(subprocess.run(JAR + ["run", "--board", a["board"], "--design", a["design"], "--clock-mhz",
                                             str(a["clock_mhz"]), "--model", a["model"], "--bits", "8",
                                             "--sp2-fraction", "0", "--timing-only", "--format", "json"],
                                      capture_output=True, text=True, check=True).stdout)
        peak = j["cores"]["dsp"]["peak_macs_per_cycle"] * j["cores"]["dsp"]["clock_mhz"] * 1e6
        core = [l for l in j["layers"] if l["macs"] > 0 and (l.get("dsp_utilisation") or 0) > 0]
        engine = [l for l in j["layers"] if l["kind"] == "dwconv" and not (l.get("dsp_utilisation") or 0)]
        ideal = sum(l["macs"] for l in core) / peak * 1e3
        compute = sum(l["compute_ps"] for l in core) / 1e9
        memory = sum(l["memory_ps"] + l["imbalance_ps"] for l in j["layers"]) / 1e9
        dw = sum(l["compute_ps"] for l in engine) / 1e9
        print("| `%s` | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |" % (a["model"], j["latency_ms"], ideal,
              compute - ideal, memory, dw))

if "--readme" in sys.argv:  # rewrite the README's marked blocks in place
    text = open("README.md").read()
    for name, body in (("hardware-table", tables.getvalue()), ("hardware-heldout", held.getvalue()),
                       ("hardware-misses", misses.getvalue())):
        text = re.sub(r"(<!-- %s -->\n).*?(<!-- /%s -->)" % (name, name),
                      lambda m: m.group(1) + body + m.group(2), text, flags=re.S)
    open("README.md", "w").write(text)
else:
    print(tables.getvalue())
    print(misses.getvalue())
    print(held.getvalue(), end="")
