// SPDX-License-Identifier: GPL-2.0
/*
 * Pure instruction classifiers for the lazybench TCG plugin: given the bytes of one guest
 * instruction, say whether it is a region marker or one of the counted events (barriers, TLB
 * maintenance, hypercalls, serialising instructions, atomic read-modify-writes). No QEMU
 * dependency: unit-tested alone.
 */
#ifndef LBTCG_DECODE_H
#define LBTCG_DECODE_H

#include <stddef.h>
#include <stdint.h>

enum lbtcg_arch {
	LBTCG_ARCH_NONE = 0,
	LBTCG_ARCH_ARM64,
	LBTCG_ARCH_PPC64LE,
	LBTCG_ARCH_PPC64, /* big-endian */
	LBTCG_ARCH_X86_64,
};

/* X(id, name, arch): every counted event; names are the counter names in results. */
#define LBTCG_EVENTS(X)                                                                            \
	X(INSN, "insn", NONE)                                                                      \
	X(A64_DSB_OSHLD, "dsb.oshld", ARM64)                                                       \
	X(A64_DSB_OSHST, "dsb.oshst", ARM64)                                                       \
	X(A64_DSB_OSH, "dsb.osh", ARM64)                                                           \
	X(A64_DSB_NSHLD, "dsb.nshld", ARM64)                                                       \
	X(A64_DSB_NSHST, "dsb.nshst", ARM64)                                                       \
	X(A64_DSB_NSH, "dsb.nsh", ARM64)                                                           \
	X(A64_DSB_ISHLD, "dsb.ishld", ARM64)                                                       \
	X(A64_DSB_ISHST, "dsb.ishst", ARM64)                                                       \
	X(A64_DSB_ISH, "dsb.ish", ARM64)                                                           \
	X(A64_DSB_LD, "dsb.ld", ARM64)                                                             \
	X(A64_DSB_ST, "dsb.st", ARM64)                                                             \
	X(A64_DSB_SY, "dsb.sy", ARM64)                                                             \
	X(A64_DSB_RESERVED, "dsb.reserved", ARM64)                                                 \
	X(A64_DSB_NXS, "dsb.nxs", ARM64)                                                           \
	X(A64_SSBB, "ssbb", ARM64)                                                                 \
	X(A64_PSSBB, "pssbb", ARM64)                                                               \
	X(A64_DMB, "dmb", ARM64)                                                                   \
	X(A64_ISB, "isb", ARM64)                                                                   \
	X(A64_TLBI_VMALLE1OS, "tlbi.vmalle1os", ARM64)                                             \
	X(A64_TLBI_VAE1OS, "tlbi.vae1os", ARM64)                                                   \
	X(A64_TLBI_ASIDE1OS, "tlbi.aside1os", ARM64)                                               \
	X(A64_TLBI_VAAE1OS, "tlbi.vaae1os", ARM64)                                                 \
	X(A64_TLBI_VALE1OS, "tlbi.vale1os", ARM64)                                                 \
	X(A64_TLBI_VAALE1OS, "tlbi.vaale1os", ARM64)                                               \
	X(A64_TLBI_RVAE1IS, "tlbi.rvae1is", ARM64)                                                 \
	X(A64_TLBI_RVAAE1IS, "tlbi.rvaae1is", ARM64)                                               \
	X(A64_TLBI_RVALE1IS, "tlbi.rvale1is", ARM64)                                               \
	X(A64_TLBI_RVAALE1IS, "tlbi.rvaale1is", ARM64)                                             \
	X(A64_TLBI_VMALLE1IS, "tlbi.vmalle1is", ARM64)                                             \
	X(A64_TLBI_VAE1IS, "tlbi.vae1is", ARM64)                                                   \
	X(A64_TLBI_ASIDE1IS, "tlbi.aside1is", ARM64)                                               \
	X(A64_TLBI_VAAE1IS, "tlbi.vaae1is", ARM64)                                                 \
	X(A64_TLBI_VALE1IS, "tlbi.vale1is", ARM64)                                                 \
	X(A64_TLBI_VAALE1IS, "tlbi.vaale1is", ARM64)                                               \
	X(A64_TLBI_RVAE1OS, "tlbi.rvae1os", ARM64)                                                 \
	X(A64_TLBI_RVAAE1OS, "tlbi.rvaae1os", ARM64)                                               \
	X(A64_TLBI_RVALE1OS, "tlbi.rvale1os", ARM64)                                               \
	X(A64_TLBI_RVAALE1OS, "tlbi.rvaale1os", ARM64)                                             \
	X(A64_TLBI_RVAE1, "tlbi.rvae1", ARM64)                                                     \
	X(A64_TLBI_RVAAE1, "tlbi.rvaae1", ARM64)                                                   \
	X(A64_TLBI_RVALE1, "tlbi.rvale1", ARM64)                                                   \
	X(A64_TLBI_RVAALE1, "tlbi.rvaale1", ARM64)                                                 \
	X(A64_TLBI_VMALLE1, "tlbi.vmalle1", ARM64)                                                 \
	X(A64_TLBI_VAE1, "tlbi.vae1", ARM64)                                                       \
	X(A64_TLBI_ASIDE1, "tlbi.aside1", ARM64)                                                   \
	X(A64_TLBI_VAAE1, "tlbi.vaae1", ARM64)                                                     \
	X(A64_TLBI_VALE1, "tlbi.vale1", ARM64)                                                     \
	X(A64_TLBI_VAALE1, "tlbi.vaale1", ARM64)                                                   \
	X(A64_TLBI_EL2, "tlbi.el2", ARM64)                                                         \
	X(A64_TLBI_NXS, "tlbi.nxs", ARM64)                                                         \
	X(A64_TLBI_OTHER, "tlbi.other", ARM64)                                                     \
	X(A64_LDXR, "ldxr", ARM64)                                                                 \
	X(A64_STXR, "stxr", ARM64)                                                                 \
	X(A64_LSE, "lse", ARM64)                                                                   \
	X(PPC_TLBIE, "tlbie", PPC64)                                                               \
	X(PPC_TLBIEL, "tlbiel", PPC64)                                                             \
	X(PPC_TLBSYNC, "tlbsync", PPC64)                                                           \
	X(PPC_PTESYNC, "ptesync", PPC64)                                                           \
	X(PPC_HWSYNC, "hwsync", PPC64)                                                             \
	X(PPC_LWSYNC, "lwsync", PPC64)                                                             \
	X(PPC_EIEIO, "eieio", PPC64)                                                               \
	X(PPC_ISYNC, "isync", PPC64)                                                               \
	X(PPC_SLBIE, "slbie", PPC64)                                                               \
	X(PPC_SLBIA, "slbia", PPC64)                                                               \
	X(PPC_SLBMTE, "slbmte", PPC64)                                                             \
	X(PPC_HCALL, "hcall", PPC64)                                                               \
	X(PPC_SC, "sc", PPC64)                                                                     \
	X(PPC_SCV, "scv", PPC64)                                                                   \
	X(PPC_LARX, "larx", PPC64)                                                                 \
	X(PPC_STCX, "stcx", PPC64)                                                                 \
	X(X86_INVLPG, "invlpg", X86_64)                                                            \
	X(X86_INVPCID, "invpcid", X86_64)                                                          \
	X(X86_MOV_CR3, "mov_cr3", X86_64)                                                          \
	X(X86_MOV_CR4, "mov_cr4", X86_64)                                                          \
	X(X86_MOV_CR0, "mov_cr0", X86_64)                                                          \
	X(X86_WBINVD, "wbinvd", X86_64)                                                            \
	X(X86_INVD, "invd", X86_64)                                                                \
	X(X86_CPUID, "cpuid", X86_64)                                                              \
	X(X86_WRMSR, "wrmsr", X86_64)                                                              \
	X(X86_MFENCE, "mfence", X86_64)                                                            \
	X(X86_LFENCE, "lfence", X86_64)                                                            \
	X(X86_SFENCE, "sfence", X86_64)                                                            \
	X(X86_SERIALIZE, "serialize", X86_64)                                                      \
	X(X86_INVLPGB, "invlpgb", X86_64)                                                          \
	X(X86_TLBSYNC, "tlbsync", X86_64)                                                          \
	X(X86_VMCALL, "vmcall", X86_64)                                                            \
	X(X86_LOCKED, "locked", X86_64)

enum lbtcg_event {
#define LBTCG_ENUM(id, name, arch) LBTCG_EV_##id,
	LBTCG_EVENTS(LBTCG_ENUM)
#undef LBTCG_ENUM
	    LBTCG_NEV,
	/* Not counted events: what the classifier may also return. */
	LBTCG_NONE = LBTCG_NEV + 1,
	LBTCG_MARK_OPEN,
	LBTCG_MARK_CLOSE,
	LBTCG_MARK_SUM,
};

/* "arm64", "ppc64le", "ppc64", "x86_64" -> arch; LBTCG_ARCH_NONE when unknown. */
enum lbtcg_arch lbtcg_arch_parse(const char *s);

/* Event name ("dsb.ishst"), NULL when out of range. */
const char *lbtcg_event_name(int ev);

/* Whether the event is counted on @arch (insn: on every arch). */
int lbtcg_event_on_arch(int ev, enum lbtcg_arch arch);

/* Classify one instruction: an lbtcg_event below LBTCG_NEV, LBTCG_NONE, or a marker. */
int lbtcg_classify(enum lbtcg_arch arch, const uint8_t *insn, size_t len);

/* The per-arch classifiers, on a decoded 32-bit word (arm64, ppc64) or bytes (x86). */
int lbtcg_classify_arm64(uint32_t insn);
int lbtcg_classify_ppc64(uint32_t insn);
int lbtcg_classify_x86(const uint8_t *insn, size_t len);

#endif
