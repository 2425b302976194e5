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
if "--readme" in sys.argv:  # rewrite the README's marked blocks in place
    text = open("README.md").read()
    for name, body in (("hardware-table", tables.getvalue()), ("hardware-heldout", held.getvalue())):
        text = re.sub(r"(<!-- %s -->\n).*?(<!-- /%s -->)" % (name, name),
                      lambda m: m.group(1) + body + m.group(2), text, flags=re.S)
    open("README.md", "w").write(text)
else:
    print(tables.getvalue())
    print(held.getvalue(), end="")
