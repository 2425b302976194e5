# Prints the DPU designs block of a board file (boards/*.yaml, designs:) from PG338 Table 8 and the
# DPU IP's bank formulas; docs/dpu.md has the derivation. Usage (what generated the shipped files):
#   python3 benchmarks/dpu-designs.py zcu102 287 b512,b800,b1024,b1152,b1600,b2304,b3136,b4096
#   (kv260: append b512:weight:uram ... for each size, its weight banks in URAM)
import sys
SIZES=[("b512",4,8,8),("b800",4,10,10),("b1024",8,8,8),("b1152",4,12,12),("b1600",8,10,10),("b2304",8,12,12),("b3136",8,14,14),("b4096",8,16,16)]
def block(board, clock, sizes, mem):
    out=[]
    out.append("""
# The Xilinx DPU (DPUCZDX8G) sizes as msqsim designs: run --design dpu-bNNNN [--clock-mhz F].
# Sources: PG338 Table 8 (PP x ICP x OCP), Table 9 (DSP counts), Vitis AI DPU docs "clocking"
# (DSPs at dpu_2x_clk); the DPU IP's parameter formulas (Xilinx/Vitis-AI 2.0,
# dsa/DPU-TRD/dpu_ip/DPUCZDX8G_v3_4_0/gui/dpuczdx8g_v3_4.gtcl) for the banks; docs/dpu.md has the
# derivation of every key. In short:
#   dsp_core: rows = PP output pixels, cols = OCP/2 PEs of two packed INT8 filters (WP486), each
#     with vector_lanes = ICP input channels reduced through the DSP cascade, double-pumped
#     (ICP/2 slices per PE): PP*OCP/2*ICP/2 = PP*ICP*OCP/4 slices, as Table 9's low-DSP counts
#     minus 2; dsp_accumulators (high DSP usage) adds PP*OCP slices, as Table 9's high-DSP counts.
#   accumulator_bits 29: FINN's width formula for the largest K of the measured networks
#     (3x3x512 = 4,608, W8 x U8): ceil(log2(4,608 * 128 * 255)) + 1 (assumed; PG338 does not say).
#   buffers: banks of ICP bytes x 2,048 (IP formula); 2*PP feature-map banks (RAM usage low, every
#     reference build) split here into PP input and PP output banks (assumed: the DPU shares them);
#     OCP weight banks. The bias bank is not modelled (docs/dpu.md).
#   depthwise_engine: the DPU's ALU engine, PP/2 pixels x ICP channels (PG338 v3.4 "DepthwiseConv";
#     the compiler targets' alu_engine), 24-bit SIMD TWO24 accumulators, its own ICP-byte x 2,048
#     weight bank (the DPU IP's DWCV formulas).
#   The DPU's own two 128-bit data ports are not separate here: the design uses the board's ports.
designs:""")
    for name,pp,icp,ocp in SIZES:
        if name not in sizes: continue
        for high in (True, False):
            dn="dpu-%s%s"%(name,"" if high else "-lowdsp")
            slices=pp*icp*ocp//4 + (pp*ocp if high else 0)
            kib=lambda banks: banks*icp*2
            m=mem.get(name,{})
            out.append("""  - name: %s
    control_clock_mhz: %d
    weight_bits: 8
    activation_bits: 8
    dsp_core:                    # %s: PP %d x ICP %d x OCP %d = %d MACs/cycle; %d DSP48E2%s
      mac: dsp
      dataflow: output_stationary
      rows: %d
      cols: %d
      packing: 2
      clock_mhz: %d
      accumulator_bits: 29
      vector_lanes: %d
      double_pumped: true
      dsp_accumulators: %s
    buffers:
      input:
        capacity_kib: %d
        width_bits: %d
        banks: %d
        memory: %s
      weight:
        capacity_kib: %d
        width_bits: %d
        banks: %d
        memory: %s
      output:
        capacity_kib: %d
        width_bits: %d
        banks: %d
        memory: %s
    depthwise_engine:
      pixels: %d
      channels: %d
      accumulator_bits: 24
      weight_bank_kib: %d""" % (dn, clock, name.upper(), pp, icp, ocp, pp*icp*ocp, slices,
                " (high DSP usage)" if high else " (low DSP usage)",
                pp, ocp//2, clock, icp, "true" if high else "false",
                kib(pp), icp*8, pp, m.get("input","bram"),
                kib(ocp), icp*8, ocp, m.get("weight","bram"),
                kib(pp), icp*8, pp, m.get("output","bram"),
                pp//2, icp, icp*2))
    return "\n".join(out)+"\n"
if __name__=="__main__":
    board=sys.argv[1]; clock=int(sys.argv[2]); sizes=sys.argv[3].split(",")
    mem={}
    for a in sys.argv[4:]:
        s,k,v=a.split(":"); mem.setdefault(s,{})[k]=v
    print(block(board,clock,sizes,mem),end="")
