# shellcheck shell=bash
# The main command's kernel suite (sourced by scripts/main.sh and scripts/tcg_overhead.sh): every
# module workload, each lazy mode, batch sizes 1..512 over 512 PTEs.
# --rounds: each case is visited once per round, in a new shuffled order, so that drift of
# this shared machine hits every mode alike instead of passing for a mode effect; one process
# (--runs 1): compare --mode-pairs and tune pair the modes and batches by round.
# shellcheck disable=SC2034,SC2054
kernel_run=(run -q --workload vmalloc,vmap,vm_map_ram,populate --pages 512
	--batch 1,8,64,512 --mode on,off,nested,paused --reps 20 --warmup 3 --rounds 4 --runs 1)
