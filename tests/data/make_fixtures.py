#!/usr/bin/env python3
"""Writes the hand-made run.json fixtures in tests/data/runs/ (docs/results-format.md,
schema_version 1). Deterministic (fixed seed); rerun only to change the fixtures on purpose,
then regenerate the golden files: LB_UPDATE_GOLDEN=1 ctest -R unit.formats (see
tests/unit/report/test_formats.c) and review the diff."""
import json, os, random

here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261121)


def env(release, cpu="Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz", virt="none", arch="x86_64",
        topo="1 package(s), 1 NUMA node(s), 2 core(s), 2 PU(s), 2 L2, 1 L3", lazy_cfg="absent"):
    """The layout `lazybench env --json` prints (src/env/env.c and src/env/env_keys.h, as of commit 3f40896)."""
    return {
        "kernel": {"release": release, "version": "#1 SMP PREEMPT_DYNAMIC Debian",
                   "cmdline": "BOOT_IMAGE=/vmlinuz-%s root=/dev/vda1 ro quiet" % release},
        "arch": arch,
        "cpu_model": cpu,
        "cpu_count": 2,
        "topology": {"packages": 1, "numa_nodes": 1, "cores": 2, "pus": 2, "l2": 2, "l3": 1,
                     "summary": topo},
        "numa_nodes": 1,
        "smt": "notsupported",
        "governor": "performance",
        "thp": {"enabled": "madvise", "defrag": "madvise"},
        "virtualization": {"type": virt, "detail": "fixture"},
        "kconfig": {"source": "/boot/config-%s" % release,
                    "items": {"ARCH_HAS_LAZY_MMU_MODE": lazy_cfg, "PARAVIRT_XXL": "y",
                              "XEN_PV": "absent", "KASAN": "n", "KASAN_VMALLOC": "absent",
                              "DEBUG_VM": "n", "PPC_RADIX_MMU": "absent",
                              "MMU_LAZY_TLB_SHOOTDOWN": "absent"}},
        "mmu": None,
        "module": {"loaded": False, "detail": "not loaded"},
        "clocksource": "tsc",
        "clock_resolution_ns": 1,
        "aslr_sysctl": "2",
        "vm_bed": {},
        "page_size": 4096,
    }


def samples(median, rel_sd, n):
    return [round(rng.lognormvariate(0, rel_sd) * median) for _ in range(n)]


def summary(s):
    xs = sorted(s)
    n = len(xs)
    med = (xs[n // 2] + xs[(n - 1) // 2]) / 2
    mean = sum(xs) / n
    sd = (sum((x - mean) ** 2 for x in xs) / (n - 1)) ** 0.5
    return {"n": n, "median": med, "mean": mean, "stddev": sd, "min": xs[0], "max": xs[-1],
            "mad": sorted(abs(x - med) for x in xs)[n // 2], "ci_low": xs[n // 4],
            "ci_high": xs[3 * n // 4], "ci_level": 0.95, "n_outliers": 0}


def case(workload, mode, pages, metrics, kind="syscall", batch=None, remote="none",
         counters=None, variant=None, reps=12, replicates=1, run_sd=0.0):
    """replicates > 1: that many separately started runs of reps each (run --runs), every
    replicate's level drawn once with relative SD run_sd (the run-to-run effect)."""
    cid = "%s/%s/%s/p%d/b%s/%s" % (workload, variant or "-", mode, pages,
                                   "-" if batch is None else batch, remote)
    ms = []
    total = reps * replicates
    for name, med, sd, *effect in metrics:
        s = []
        for _ in range(replicates):
            s += samples(med * rng.lognormvariate(0, run_sd), sd, reps)
        summ = summary(s)
        summ["per_page_median"] = summ["median"] / pages
        ms.append({"name": name, "unit": "ns", "samples": s, "outlier": [False] * total,
                   "summary": summ})
        if effect:
            ms[-1]["effect"] = effect[0]
    c = {"id": cid, "workload": workload, "kind": kind, "variant": variant, "mode": mode,
         "pages": pages, "batch": batch, "remote": remote, "cpu": 0,
         "remote_cpu": None if remote == "none" else 1, "complete": True, "reps_done": total,
         "metrics": ms, "counters": counters or [], "state_check": None, "refused": None}
    if replicates > 1:
        c["replicate_reps"] = [reps] * replicates
    return c


def tlb(per_rep, reps=12 * 5):
    return [{"event": "tlb:tlb_flush", "filter": "reason == 4",
             "name": "tlb_flush.remote_ipi_send", "scope": "system", "available": True,
             "values": [per_rep + rng.randint(0, 2) for _ in range(reps)], "scaled": False},
            {"event": "cycles", "name": "cycles", "scope": "thread", "available": False,
             "errno": "ENOENT",
             "reason": "hardware event not supported here (no PMU exposed to this kernel)"}]


def run(label, e, cases, cmd, replicates=1, rounds=1, reps=12):
    r = {"schema_version": 1,
            "tool": {"name": "lazybench", "version": "0.1.0", "git_commit": "0123abcd"},
            "command_line": cmd, "label": label,
            "started_at": "2026-11-21T13:40:00Z", "finished_at": "2026-11-21T13:41:00Z",
            "complete": True,
            "settings": {"reps": reps, "warmup": 3, "rounds": rounds, "runs": replicates,
                         "cpu": 0, "aslr_disabled": True, "seed": 1,
                         "bootstrap_resamples": 2000, "ci_level": 0.95,
                         "case_order": "shuffled"},
            "env": e, "cases": cases}
    if replicates > 1:
        r["replicates"] = [{"label": "r%d" % i, "dir": "results/%s/replicates/r%d" % (label, i),
                            "started_at": "2026-11-21T13:40:00Z",
                            "finished_at": "2026-11-21T13:41:00Z", "seed": i}
                           for i in range(1, replicates + 1)]
    return r


def write(name, obj):
    d = os.path.join(here, "runs", name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "run.json"), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


cmd = ["lazybench", "run", "--workload", "mprotect,munmap,vmalloc", "--pages", "1024",
       "--reps", "12", "--runs", "5", "--label"]
R = dict(replicates=5, run_sd=0.02)

# base and new, 5 replicates each (run-to-run SD 2%): mprotect 10% slower (clear), munmap
# unchanged, vmalloc map 20% faster.
write("base", run("base", env("6.1.0-28-amd64"), [
    case("mprotect", "on", 1024, [("mprotect", 52000, 0.02)], counters=tlb(2), **R),
    case("munmap", "on", 1024, [("munmap", 81000, 0.05)], counters=tlb(1), **R),
    case("vmalloc", "on", 512, [("map", 30000, 0.03), ("unmap", 21000, 0.03)], kind="kernel",
         batch=64, **R),
    case("fork", "on", 1024, [("fork", 150000, 0.04), ("exit_reap", 60000, 0.04)], **R),
], cmd + ["base"], replicates=5))
write("new", run("new", env("6.12.9-amd64", lazy_cfg="y"), [
    case("mprotect", "on", 1024, [("mprotect", 57200, 0.02)], counters=tlb(2), **R),
    case("munmap", "on", 1024, [("munmap", 81000, 0.05)], counters=tlb(1), **R),
    case("vmalloc", "on", 512, [("map", 24000, 0.03), ("unmap", 21000, 0.03)], kind="kernel",
         batch=64, **R),
    case("mremap", "on", 1024, [("mremap", 9000, 0.03)], **R),
], cmd + ["new"], replicates=5))

# Same kernel as base on another machine and CPU: compare must refuse it.
write("other-machine", run("other-machine",
                           env("6.1.0-28-amd64", cpu="AMD EPYC 7763 64-Core Processor",
                               topo="1 package(s), 1 NUMA node(s), 64 core(s), 128 PU(s)"),
                           [case("mprotect", "on", 1024, [("mprotect", 50000, 0.02)], **R)],
                           cmd + ["other-machine"], replicates=5))

# A kernel-workload sweep under QEMU TCG: batch sizes x modes, pages, remote placement.
sweep = []
for mode, floor in (("off", 60.0), ("on", 40.0), ("nested", 41.0), ("paused", 60.0)):
    for b in (1, 2, 4, 8, 16, 32, 64, 128, 256, 512):
        # per-PTE cost falls with the batch and saturates (the published arm64 shape).
        per_pte = floor * (1 + 1.5 / b) if mode in ("on", "nested") else floor
        # arm64: the mode defers only the barrier after a valid kernel-PTE write, so unmap
        # (clears) is a control cell: the same cost in every mode.
        sweep.append(case("vmalloc", mode, 512,
                          [("map", per_pte * 512, 0.03, "possible"),
                           ("unmap", 40.0 * 300, 0.03, "control: no effect expected")],
                          kind="kernel", batch=b, reps=10))
for p in (1, 8, 64, 512):
    sweep.append(case("mprotect", "on", p, [("mprotect", 900 + 45 * p, 0.03)], reps=10))
for rem, ipis in (("none", 0), ("smt", 1), ("l2", 1), ("package", 2)):
    sweep.append(case("mprotect", "off", 64, [("mprotect", 4000 + 3000 * ipis, 0.03)],
                      remote=rem, counters=tlb(ipis, reps=10)[:1], reps=10))
# One process, --rounds 5 (2 reps per visit): --mode-pairs and tune use the rounds as blocks.
sweep_cmd = ["lazybench", "run", "--workload", "vmalloc,mprotect", "--batch",
             "1,2,4,8,16,32,64,128,256,512", "--mode", "off,on,nested,paused", "--reps", "10",
             "--rounds", "5", "--runs", "1", "--label", "sweep-tcg"]
write("sweep-tcg", run("sweep-tcg", env("7.2.13", cpu="QEMU TCG CPU", virt="qemu-tcg",
                                          lazy_cfg="y", arch="aarch64"), sweep, sweep_cmd,
                       rounds=5, reps=10))

bad = run("bad-schema", env("6.1.0"), [], cmd + ["bad-schema"])
bad["schema_version"] = 99  # newer than any reader
write("bad-schema", bad)
missing = run("missing-field", env("6.1.0"),
              [case("mprotect", "on", 1024, [("mprotect", 50000, 0.02)])],
              cmd + ["missing-field"])
del missing["cases"][0]["metrics"][0]["samples"]
write("missing-field", missing)

# Counter scopes (issue 12). NOTE: runs/scopes-* are kept as first generated (before the
# replicate fixtures above drew more numbers from rng); this block now writes different values,
# so regenerating them is a deliberate change of their goldens and of reports_formats.sh.
# Counter scopes (issue 12): fork at 256 pages alone and with a reader on the LLC neighbour,
# the same counters in the thread, cpu and remote_cpu scopes (as `run` records them), a
# thread-only software clock, PMU events unavailable in every scope, and a remote count that
# goes from 0 to 1. On the measuring CPU the reader makes tlb_flush rise (14 -> 19); the remote
# CPU's count exists only with a reader.
NO_PMU = "hardware event not supported here (no PMU exposed to this kernel)"


def scoped(spec, reps=12):
    """spec: list of (name, event, filter, scope, median or None for unavailable)."""
    out = []
    for name, event, filt, scope, med in spec:
        k = {"event": event, "name": name, "scope": scope}
        if filt:
            k["filter"] = filt
        if med is None:
            k.update({"available": False, "errno": "ENOENT", "reason": NO_PMU})
        else:
            k.update({"available": True, "scaled": False,
                      "values": [med] * (reps // 2 + 1) + [med + (1 if med else 0)] * (reps // 2 - 1)})
        out.append(k)
    return out


def fork_counters(remote, local, rcpu_flush, rcpu_shootdown):
    spec = [("task-clock", "task-clock", None, "thread", 180000 + 40000 * remote)]
    for scope in ("thread", "cpu") + (("remote_cpu",) if remote else ()):
        spec += [("cycles", "cycles", None, scope, None),
                 ("instructions", "instructions", None, scope, None)]
    spec += [("tlb_flush", "tlb:tlb_flush", None, "thread", 6 + remote),
             ("tlb_flush.remote_ipi_send", "tlb:tlb_flush", "reason == 4", "thread", 3 * remote),
             ("tlb_flush", "tlb:tlb_flush", None, "cpu", local),
             ("tlb_flush.local_mm_shootdown", "tlb:tlb_flush", "reason == 3", "cpu", 12),
             ("tlb_flush.remote_ipi_send", "tlb:tlb_flush", "reason == 4", "cpu", 3 * remote),
             ("ipi_send_cpu", "ipi:ipi_send_cpu", None, "cpu", 0),
             ("irq.tlb_shootdowns", "interrupts:TLB", None, "cpu", 0)]
    if remote:
        spec += [("tlb_flush", "tlb:tlb_flush", None, "remote_cpu", rcpu_flush),
                 ("tlb_flush.remote_shootdown", "tlb:tlb_flush", "reason == 1", "remote_cpu",
                  rcpu_shootdown),
                 ("irq.tlb_shootdowns", "interrupts:TLB", None, "remote_cpu", rcpu_flush)]
    return scoped(spec)


scmd = ["lazybench", "run", "--workload", "fork", "--pages", "256", "--remote", "none,llc",
        "--reps", "12", "--label"]
for label, rel, slow, rsd in (("scopes-base", "6.12.9-amd64", 1.0, 0),
                              ("scopes-new", "7.2.13-amd64", 1.08, 1)):
    write(label, run(label, env(rel, lazy_cfg="y"), [
        case("fork", "on", 256, [("fork", 115000 * slow, 0.04), ("exit_reap", 180000, 0.04)],
             counters=fork_counters(0, 14, 0, 0)),
        case("fork", "on", 256, [("fork", 175000 * slow, 0.04), ("exit_reap", 190000, 0.04)],
             remote="llc", counters=fork_counters(1, 19, 6, rsd)),
    ], scmd + [label]))


# TCG plugin counts (issue 10, compare --cost-model): an arm64 guest's vmalloc and vmap at 512
# pages, batch 512, modes off and on, 3 replicates of 5 repetitions, with the plugin's exact
# counters as `lazybench vm` records them (src/measure/tcg_counts.c lb_tcg_export: per metric
# and scope the group totals dsb and tlbi, then every event). tcg-new has one section per map
# where tcg-base has two, and its vmap counts are unavailable (a region-count mismatch).
def tcg_counters(metric, per_event, reps, other=None):
    """per_event: {event: count per rep} in the vcpu scope; other: the same for other_vcpus."""
    out = []
    for scope, ev in (("vcpu", per_event), ("other_vcpus", other or {})):
        full = {"insn": 0, "dsb.ishst": 0, "dsb.ish": 0, "isb": 0, "tlbi.vaale1is": 0}
        full.update(ev)
        for group in ("dsb", "tlbi"):
            out.append({"event": "tcg:" + group, "name": "tcg.%s.%s" % (metric, group),
                        "scope": scope, "available": True, "scaled": False,
                        "values": [sum(v for e, v in full.items()
                                       if e.startswith(group + "."))] * reps})
        for e, v in full.items():
            out.append({"event": "tcg:" + e, "name": "tcg.%s.%s" % (metric, e), "scope": scope,
                        "available": True, "scaled": False, "values": [v] * reps})
    return out


def tcg_unavailable(metric, reason):
    return [{"event": "tcg", "name": "tcg." + metric, "scope": "vcpu", "available": False,
             "errno": "EPROTO", "reason": reason}]


def tcg_case(workload, mode, sections, unavailable=None):
    off = mode == "off"
    per_map = 512 if off else sections
    counters = (tcg_unavailable("map", unavailable) + tcg_unavailable("unmap", unavailable)
                if unavailable else
                tcg_counters("map", {"insn": 52361 if off else 52926, "dsb.ishst": per_map,
                                     "isb": per_map}, 15, other={"insn": 900, "isb": 3 if off else 0})
                + tcg_counters("unmap", {"insn": 94266, "dsb.ish": 1, "tlbi.vaale1is": 8}, 15,
                               other={"insn": 1200}))
    return case(workload, mode, 512, [("map", 26000 if off else 24000, 0.03),
                                      ("unmap", 40000, 0.03)], kind="kernel", batch=512,
                counters=counters, reps=5, replicates=3, run_sd=0.02)


tcg_cmd = ["lazybench", "run", "--workload", "vmalloc,vmap", "--mode", "off,on", "--pages",
           "512", "--batch", "512", "--reps", "5", "--runs", "3", "--label"]
MISMATCH = ("the plugin saw 4098 regions in this RUN, the harness ran 4096 sections: "
            "counts unavailable")
for label, sections, vmap_na in (("tcg-base", 2, None), ("tcg-new", 1, MISMATCH)):
    write(label, run(label, env("7.3.4", cpu="QEMU TCG CPU", virt="qemu-tcg", lazy_cfg="y",
                                arch="aarch64"),
                     [tcg_case("vmalloc", "off", sections), tcg_case("vmalloc", "on", sections),
                      tcg_case("vmap", "off", sections, vmap_na),
                      tcg_case("vmap", "on", sections, vmap_na)],
                     tcg_cmd + [label], replicates=3, reps=5))
