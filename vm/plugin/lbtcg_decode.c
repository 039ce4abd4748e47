// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction classifiers (see lbtcg_decode.h). Encodings from the Arm ARM (A64 system
 * instructions, loads and stores), the Power ISA 3.0B (X-form storage control, sc) and the Intel
 * SDM (legacy prefixes, one-, two- and three-byte opcode maps). Anything not matched exactly is
 * LBTCG_NONE: a near miss is never counted as an event.
 */
#include <string.h>

#include "lbtcg_decode.h"
#include "lazybench_marker.h"

static const char *const event_names[LBTCG_NEV] = {
#define LBTCG_NAME(id, name, arch) name,
    LBTCG_EVENTS(LBTCG_NAME)
#undef LBTCG_NAME
};

static const enum lbtcg_arch event_arch[LBTCG_NEV] = {
#define LBTCG_ARCH(id, name, arch) LBTCG_ARCH_##arch,
    LBTCG_EVENTS(LBTCG_ARCH)
#undef LBTCG_ARCH
};

enum lbtcg_arch lbtcg_arch_parse(const char *s)
{
	if (!strcmp(s, "arm64") || !strcmp(s, "aarch64"))
		return LBTCG_ARCH_ARM64;
	if (!strcmp(s, "ppc64le"))
		return LBTCG_ARCH_PPC64LE;
	if (!strcmp(s, "ppc64"))
		return LBTCG_ARCH_PPC64;
	if (!strcmp(s, "x86_64"))
		return LBTCG_ARCH_X86_64;
	return LBTCG_ARCH_NONE;
}

const char *lbtcg_event_name(int ev)
{
	return ev >= 0 && ev < LBTCG_NEV ? event_names[ev] : NULL;
}

int lbtcg_event_on_arch(int ev, enum lbtcg_arch arch)
{
	enum lbtcg_arch a;

	if (ev < 0 || ev >= LBTCG_NEV)
		return 0;
	a = event_arch[ev];
	if (a == LBTCG_ARCH_NONE)
		return 1;
	if (a == LBTCG_ARCH_PPC64)
		return arch == LBTCG_ARCH_PPC64 || arch == LBTCG_ARCH_PPC64LE;
	return a == arch;
}

/*
 * arm64. Barriers: 1101 0101 0000 0011 0011 CRm op2 11111 (op2 100 DSB, 101 DMB, 110 ISB);
 * DSB with CRm 0000 is SSBB, 0100 PSSBB. DSB nXS: CRm = imm2:10, op2 001.
 * TLBI: SYS with op0 01 (1101 0101 0000 1 op1 CRn CRm op2 Rt), CRn 1000 (CRn 1001: nXS forms).
 */
static int a64_dsb(unsigned int crm)
{
	static const int by_crm[16] = {
	    LBTCG_EV_A64_SSBB,	       LBTCG_EV_A64_DSB_OSHLD, LBTCG_EV_A64_DSB_OSHST,
	    LBTCG_EV_A64_DSB_OSH,      LBTCG_EV_A64_PSSBB,     LBTCG_EV_A64_DSB_NSHLD,
	    LBTCG_EV_A64_DSB_NSHST,    LBTCG_EV_A64_DSB_NSH,   LBTCG_EV_A64_DSB_RESERVED,
	    LBTCG_EV_A64_DSB_ISHLD,    LBTCG_EV_A64_DSB_ISHST, LBTCG_EV_A64_DSB_ISH,
	    LBTCG_EV_A64_DSB_RESERVED, LBTCG_EV_A64_DSB_LD,    LBTCG_EV_A64_DSB_ST,
	    LBTCG_EV_A64_DSB_SY,
	};
	return by_crm[crm & 15];
}

/* EL1 TLBI operations (op1 0, CRn 8) by CRm and op2; 0 where unallocated. */
static int a64_tlbi_el1(unsigned int crm, unsigned int op2)
{
	static const int ops[16][8] = {
	    [1] = {LBTCG_EV_A64_TLBI_VMALLE1OS, LBTCG_EV_A64_TLBI_VAE1OS,
		   LBTCG_EV_A64_TLBI_ASIDE1OS, LBTCG_EV_A64_TLBI_VAAE1OS, 0,
		   LBTCG_EV_A64_TLBI_VALE1OS, 0, LBTCG_EV_A64_TLBI_VAALE1OS},
	    [2] = {0, LBTCG_EV_A64_TLBI_RVAE1IS, 0, LBTCG_EV_A64_TLBI_RVAAE1IS, 0,
		   LBTCG_EV_A64_TLBI_RVALE1IS, 0, LBTCG_EV_A64_TLBI_RVAALE1IS},
	    [3] = {LBTCG_EV_A64_TLBI_VMALLE1IS, LBTCG_EV_A64_TLBI_VAE1IS,
		   LBTCG_EV_A64_TLBI_ASIDE1IS, LBTCG_EV_A64_TLBI_VAAE1IS, 0,
		   LBTCG_EV_A64_TLBI_VALE1IS, 0, LBTCG_EV_A64_TLBI_VAALE1IS},
	    [5] = {0, LBTCG_EV_A64_TLBI_RVAE1OS, 0, LBTCG_EV_A64_TLBI_RVAAE1OS, 0,
		   LBTCG_EV_A64_TLBI_RVALE1OS, 0, LBTCG_EV_A64_TLBI_RVAALE1OS},
	    [6] = {0, LBTCG_EV_A64_TLBI_RVAE1, 0, LBTCG_EV_A64_TLBI_RVAAE1, 0,
		   LBTCG_EV_A64_TLBI_RVALE1, 0, LBTCG_EV_A64_TLBI_RVAALE1},
	    [7] = {LBTCG_EV_A64_TLBI_VMALLE1, LBTCG_EV_A64_TLBI_VAE1, LBTCG_EV_A64_TLBI_ASIDE1,
		   LBTCG_EV_A64_TLBI_VAAE1, 0, LBTCG_EV_A64_TLBI_VALE1, 0,
		   LBTCG_EV_A64_TLBI_VAALE1},
	};
	return ops[crm & 15][op2 & 7];
}

/*
 * arm64 atomic read-modify-writes. Load/store exclusive class, size 001000 o2 L o1 Rs o0 Rt2 Rn Rt
 * (mask 0x3f000000, value 0x08000000): o2 0, o1 0 LDXR/LDAXR (L 1) and STXR/STLXR (L 0) of every
 * size; o2 0, o1 1 the pairs LDXP/LDAXP/STXP/STLXP when bit 31 is set, CASP* when clear; o2 1,
 * o1 1 CAS*; o2 1, o1 0 LDAR/STLR/LDLAR/STLLR, ordered accesses, not counted. Atomic memory
 * operations, size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt (mask 0x3f200c00, value 0x38200000): o3 0
 * LDADD, LDCLR, LDEOR, LDSET, LD{S,U}{MAX,MIN} (the ST* forms are their Rt = 11111 aliases),
 * o3:opc 1000 SWP; the rest of o3 1 is LDAPR and LS64, not counted.
 */
static int a64_atomic(uint32_t insn)
{
	unsigned int o2 = (insn >> 23) & 1, o1 = (insn >> 21) & 1;

	if ((insn & 0x3f000000) == 0x08000000) {
		if (o1 && (o2 || !(insn >> 31)))
			return LBTCG_EV_A64_LSE;
		if (o2)
			return LBTCG_NONE;
		return insn & (1u << 22) ? LBTCG_EV_A64_LDXR : LBTCG_EV_A64_STXR;
	}
	if ((insn & 0x3f200c00) == 0x38200000 && ((insn >> 12) & 15) <= 8)
		return LBTCG_EV_A64_LSE;
	return LBTCG_NONE;
}

int lbtcg_classify_arm64(uint32_t insn)
{
	unsigned int crm = (insn >> 8) & 15, op2 = (insn >> 5) & 7, op1 = (insn >> 16) & 7;
	unsigned int crn = (insn >> 12) & 15;
	int ev;

	if (insn == LAZYBENCH_MARKER_ARM64_OPEN)
		return LBTCG_MARK_OPEN;
	if (insn == LAZYBENCH_MARKER_ARM64_CLOSE)
		return LBTCG_MARK_CLOSE;
	if (insn == LAZYBENCH_MARKER_ARM64_SUM)
		return LBTCG_MARK_SUM;
	if ((insn & 0xfffff01f) == 0xd503301f) { /* barriers; Rt must be 11111 */
		switch (op2) {
		case 1:
			return (crm & 3) == 2 ? LBTCG_EV_A64_DSB_NXS : LBTCG_NONE;
		case 4:
			return a64_dsb(crm);
		case 5:
			return LBTCG_EV_A64_DMB;
		case 6:
			return LBTCG_EV_A64_ISB;
		}
		return LBTCG_NONE;
	}
	/* SYS #op1, C8|C9, Cm, #op2, Xt: 1101 0101 0000 1 op1 CRn CRm op2 Rt */
	if ((insn & 0xfff80000) != 0xd5080000 || (crn != 8 && crn != 9))
		return a64_atomic(insn);
	if (crn == 9)
		return LBTCG_EV_A64_TLBI_NXS;
	if (op1 == 0) {
		ev = a64_tlbi_el1(crm, op2);
		return ev ? ev : LBTCG_EV_A64_TLBI_OTHER;
	}
	return op1 == 4 ? LBTCG_EV_A64_TLBI_EL2 : LBTCG_EV_A64_TLBI_OTHER;
}

/*
 * ppc64 (big-endian bit numbering; values here as a 32-bit word). X-form: primary opcode 31,
 * extended opcode in bits 21-30, bit 31 (Rc) 0 for every instruction counted except the
 * reservation ones: l[bhwdq]arx (52, 116, 20, 84, 276) have the EH hint there, either value,
 * st[bhwdq]cx. (694, 726, 150, 214, 182) exist only with it 1.
 */
int lbtcg_classify_ppc64(uint32_t insn)
{
	unsigned int po = insn >> 26, xo = (insn >> 1) & 0x3ff;

	if (insn == LAZYBENCH_MARKER_PPC64_OPEN)
		return LBTCG_MARK_OPEN;
	if (insn == LAZYBENCH_MARKER_PPC64_CLOSE)
		return LBTCG_MARK_CLOSE;
	if (insn == LAZYBENCH_MARKER_PPC64_SUM)
		return LBTCG_MARK_SUM;
	if (po == 17) {
		/* sc LEV: bits 30-31 = 10; scv LEV: 01. LEV in bits 20-26. */
		if ((insn & 3) == 2)
			return ((insn >> 5) & 0x7f) == 1 ? LBTCG_EV_PPC_HCALL : LBTCG_EV_PPC_SC;
		return (insn & 3) == 1 ? LBTCG_EV_PPC_SCV : LBTCG_NONE;
	}
	if (insn == 0x4c00012c) /* isync: 19/150, all other fields 0 */
		return LBTCG_EV_PPC_ISYNC;
	if (po != 31)
		return LBTCG_NONE;
	switch (xo) {
	case 20:
	case 52:
	case 84:
	case 116:
	case 276:
		return LBTCG_EV_PPC_LARX;
	case 150:
	case 182:
	case 214:
	case 694:
	case 726:
		return insn & 1 ? LBTCG_EV_PPC_STCX : LBTCG_NONE;
	}
	if (insn & 1)
		return LBTCG_NONE;
	switch (xo) {
	case 306:
		return LBTCG_EV_PPC_TLBIE;
	case 274:
		return LBTCG_EV_PPC_TLBIEL;
	case 566:
		return insn == 0x7c00046c ? LBTCG_EV_PPC_TLBSYNC : LBTCG_NONE;
	case 598: /* sync L: bits 8-10 (L is 2 bits in ISA 3.0, bit 8 reserved) */
		switch ((insn >> 21) & 7) {
		case 0:
			return LBTCG_EV_PPC_HWSYNC;
		case 1:
			return LBTCG_EV_PPC_LWSYNC;
		case 2:
			return LBTCG_EV_PPC_PTESYNC;
		}
		return LBTCG_NONE;
	case 854:
		return insn == 0x7c0006ac ? LBTCG_EV_PPC_EIEIO : LBTCG_NONE;
	case 434:
		return LBTCG_EV_PPC_SLBIE;
	case 498:
		return LBTCG_EV_PPC_SLBIA;
	case 402:
		return LBTCG_EV_PPC_SLBMTE;
	}
	return LBTCG_NONE;
}

/* x86: legacy prefixes and one REX, then the opcode bytes. */
struct x86_prefixes {
	unsigned int n;	  /* bytes of prefixes, REX included */
	int opsize;	  /* 66 */
	int rep;	  /* f2 or f3 */
	int lock;	  /* f0 */
	unsigned int rex; /* 0 or the REX byte */
};

static struct x86_prefixes x86_prefixes(const uint8_t *p, size_t len)
{
	struct x86_prefixes px = {0};

	for (; px.n < len; px.n++) {
		uint8_t b = p[px.n];

		if (b == 0x66)
			px.opsize = 1;
		else if (b == 0xf2 || b == 0xf3)
			px.rep = 1;
		else if (b == 0xf0)
			px.lock = 1;
		else if (!(b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 ||
			   b == 0x65 || b == 0x67))
			break;
	}
	if (px.n < len && (p[px.n] & 0xf0) == 0x40) {
		px.rex = p[px.n];
		px.n++;
	}
	return px;
}

static int x86_marker(const uint8_t *p, size_t len)
{
	uint32_t disp;

	if (len != 7 || p[0] != 0x0f || p[1] != 0x1f || p[2] != 0x80)
		return LBTCG_NONE;
	disp = (uint32_t)p[3] | (uint32_t)p[4] << 8 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 24;
	if (disp == LAZYBENCH_MARKER_X86_OPEN_DISP)
		return LBTCG_MARK_OPEN;
	if (disp == LAZYBENCH_MARKER_X86_CLOSE_DISP)
		return LBTCG_MARK_CLOSE;
	if (disp == LAZYBENCH_MARKER_X86_SUM_DISP)
		return LBTCG_MARK_SUM;
	return LBTCG_NONE;
}

/* 0f 01 xx: group 7. */
static int x86_grp7(uint8_t modrm)
{
	if (modrm < 0xc0)
		return ((modrm >> 3) & 7) == 7 ? LBTCG_EV_X86_INVLPG : LBTCG_NONE;
	switch (modrm) {
	case 0xc1:
		return LBTCG_EV_X86_VMCALL;
	case 0xe8:
		return LBTCG_EV_X86_SERIALIZE;
	case 0xfe:
		return LBTCG_EV_X86_INVLPGB;
	case 0xff:
		return LBTCG_EV_X86_TLBSYNC;
	}
	return LBTCG_NONE;
}

/* 0f 22 /r: mov to CRn, n = ModRM.reg + 8 * REX.R; ModRM.mod is ignored (always a register). */
static int x86_mov_cr(uint8_t modrm, unsigned int rex)
{
	unsigned int cr = ((modrm >> 3) & 7) | (rex & 4 ? 8 : 0);

	switch (cr) {
	case 0:
		return LBTCG_EV_X86_MOV_CR0;
	case 3:
		return LBTCG_EV_X86_MOV_CR3;
	case 4:
		return LBTCG_EV_X86_MOV_CR4;
	}
	return LBTCG_NONE;
}

int lbtcg_classify_x86(const uint8_t *insn, size_t len)
{
	struct x86_prefixes px;
	const uint8_t *op;
	size_t rest;

	if (x86_marker(insn, len) != LBTCG_NONE)
		return x86_marker(insn, len);
	px = x86_prefixes(insn, len);
	op = insn + px.n;
	rest = len - px.n;
	/*
	 * Atomic read-modify-writes: any LOCK-prefixed instruction (whether the opcode allows a
	 * LOCK is not checked: one that does not raises #UD), and xchg r/m (86, 87) with a memory
	 * operand, locked without the prefix.
	 */
	if (rest && px.lock)
		return LBTCG_EV_X86_LOCKED;
	if (rest >= 2 && (op[0] == 0x86 || op[0] == 0x87) && op[1] < 0xc0)
		return LBTCG_EV_X86_LOCKED;
	if (rest < 2 || op[0] != 0x0f)
		return LBTCG_NONE;
	switch (op[1]) {
	case 0x08:
		return LBTCG_EV_X86_INVD;
	case 0x09:
		return LBTCG_EV_X86_WBINVD;
	case 0x30:
		return LBTCG_EV_X86_WRMSR;
	case 0xa2:
		return LBTCG_EV_X86_CPUID;
	case 0x01:
		return rest >= 3 && !px.opsize && !px.rep ? x86_grp7(op[2]) : LBTCG_NONE;
	case 0x22:
		return rest >= 3 ? x86_mov_cr(op[2], px.rex) : LBTCG_NONE;
	case 0xae: /* fences: register forms of /5 /6 /7, no 66/f2/f3 */
		if (rest < 3 || op[2] < 0xe8 || px.opsize || px.rep)
			return LBTCG_NONE;
		return op[2] < 0xf0   ? LBTCG_EV_X86_LFENCE
		       : op[2] < 0xf8 ? LBTCG_EV_X86_MFENCE
				      : LBTCG_EV_X86_SFENCE;
	case 0x38: /* 66 0f 38 82 /r (memory operand): invpcid */
		if (rest >= 4 && op[2] == 0x82 && px.opsize && !px.rep && op[3] < 0xc0)
			return LBTCG_EV_X86_INVPCID;
		return LBTCG_NONE;
	}
	return LBTCG_NONE;
}

int lbtcg_classify(enum lbtcg_arch arch, const uint8_t *p, size_t len)
{
	switch (arch) {
	case LBTCG_ARCH_ARM64:
		return len == 4 ? lbtcg_classify_arm64((uint32_t)p[0] | (uint32_t)p[1] << 8 |
						       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24)
				: LBTCG_NONE;
	case LBTCG_ARCH_PPC64LE:
		return len == 4 ? lbtcg_classify_ppc64((uint32_t)p[0] | (uint32_t)p[1] << 8 |
						       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24)
				: LBTCG_NONE;
	case LBTCG_ARCH_PPC64:
		return len == 4 ? lbtcg_classify_ppc64((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
						       (uint32_t)p[2] << 8 | (uint32_t)p[3])
				: LBTCG_NONE;
	case LBTCG_ARCH_X86_64:
		return lbtcg_classify_x86(p, len);
	case LBTCG_ARCH_NONE:
		break;
	}
	return LBTCG_NONE;
}
