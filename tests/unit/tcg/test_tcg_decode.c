// SPDX-License-Identifier: GPL-2.0
/*
 * The lbtcg plugin's instruction classifiers (vm/plugin/lbtcg_decode.c): every counted encoding
 * per arch, the markers, and near misses that must not count. Encodings are the GNU assembler's
 * output for the mnemonic in the comment (aarch64 / powerpc64le / x86_64 binutils 2.40).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lbtcg_decode.h"
#include "lazybench_marker.h"

struct w32 {
	uint32_t insn;
	const char *want; /* event name, "open", "close", "sum" or NULL for none */
};

static const char *result_name(int k)
{
	if (k == LBTCG_MARK_OPEN)
		return "open";
	if (k == LBTCG_MARK_CLOSE)
		return "close";
	if (k == LBTCG_MARK_SUM)
		return "sum";
	if (k == LBTCG_NONE)
		return NULL;
	return lbtcg_event_name(k);
}

static void check_name(const char *got, const char *want, const char *what)
{
	if (!want && got)
		fail_msg("%s: classified as %s, want none", what, got);
	if (want && (!got || strcmp(got, want)))
		fail_msg("%s: classified as %s, want %s", what, got ? got : "none", want);
}

/* Each word through the word classifier and through the byte path in the arch's byte order. */
static void check_words(enum lbtcg_arch arch, const struct w32 *t, size_t n)
{
	char what[64];

	for (size_t i = 0; i < n; i++) {
		uint32_t w = t[i].insn;
		uint8_t le[4] = {w, w >> 8, w >> 16, w >> 24},
			be[4] = {w >> 24, w >> 16, w >> 8, w};
		int k =
		    arch == LBTCG_ARCH_ARM64 ? lbtcg_classify_arm64(w) : lbtcg_classify_ppc64(w);

		snprintf(what, sizeof(what), "%08x", w);
		check_name(result_name(k), t[i].want, what);
		k = lbtcg_classify(arch, arch == LBTCG_ARCH_PPC64 ? be : le, 4);
		check_name(result_name(k), t[i].want, what);
		/* A truncated instruction is never classified. */
		assert_int_equal(lbtcg_classify(arch, le, 2), LBTCG_NONE);
	}
}

static const struct w32 arm64[] = {
    {0xd5033b9f, "dsb.ish"},
    {0xd5033a9f, "dsb.ishst"},
    {0xd5033f9f, "dsb.sy"},
    {0xd503319f, "dsb.oshld"},
    {0xd503329f, "dsb.oshst"},
    {0xd503339f, "dsb.osh"},
    {0xd503359f, "dsb.nshld"},
    {0xd503369f, "dsb.nshst"},
    {0xd503379f, "dsb.nsh"},
    {0xd503399f, "dsb.ishld"},
    {0xd5033d9f, "dsb.ld"},
    {0xd5033e9f, "dsb.st"},
    {0xd503389f, "dsb.reserved"}, /* dsb #8 */
    {0xd5033c9f, "dsb.reserved"}, /* dsb #12 */
    {0xd5033a3f, "dsb.nxs"},	  /* dsb ishnxs */
    {0xd503309f, "ssbb"},
    {0xd503349f, "pssbb"},
    {0xd5033bbf, "dmb"},
    {0xd5033fdf, "isb"},
    {0xd50883a0, "tlbi.vale1is"},
    {0xd5088323, "tlbi.vae1is"},
    {0xd508831f, "tlbi.vmalle1is"},
    {0xd5088341, "tlbi.aside1is"},
    {0xd5088362, "tlbi.vaae1is"},
    {0xd50883e2, "tlbi.vaale1is"},
    {0xd508871f, "tlbi.vmalle1"},
    {0xd50887a5, "tlbi.vale1"},
    {0xd5088224, "tlbi.rvae1is"},
    {0xd50882a4, "tlbi.rvale1is"},
    {0xd5088124, "tlbi.vae1os"},
    {0xd50c831f, "tlbi.el2"},	/* tlbi alle2is */
    {0xd50c8321, "tlbi.el2"},	/* tlbi vae2is, x1 */
    {0xd5088400, "tlbi.other"}, /* sys #0, c8, c4, #0, x0: unallocated TLBI */
    {0xd5089320, "tlbi.nxs"},	/* tlbi vae1isnxs, x0 */
    {0xc85f7c20, "ldxr"},	/* ldxr x0, [x1] */
    {0x885f7c20, "ldxr"},	/* ldxr w0, [x1] */
    {0x085f7c20, "ldxr"},	/* ldxrb w0, [x1] */
    {0x485f7c20, "ldxr"},	/* ldxrh w0, [x1] */
    {0xc85ffc20, "ldxr"},	/* ldaxr x0, [x1] */
    {0x085ffc20, "ldxr"},	/* ldaxrb w0, [x1] */
    {0x485ffc20, "ldxr"},	/* ldaxrh w0, [x1] */
    {0xc8027c20, "stxr"},	/* stxr w2, x0, [x1] */
    {0x08027c20, "stxr"},	/* stxrb w2, w0, [x1] */
    {0x48027c20, "stxr"},	/* stxrh w2, w0, [x1] */
    {0xc802fc20, "stxr"},	/* stlxr w2, x0, [x1] */
    {0x0802fc20, "stxr"},	/* stlxrb w2, w0, [x1] */
    {0x4802fc20, "stxr"},	/* stlxrh w2, w0, [x1] */
    {0xc87f0c20, "ldxr"},	/* ldxp x0, x3, [x1] */
    {0x887f8c20, "ldxr"},	/* ldaxp w0, w3, [x1] */
    {0xc8220c20, "stxr"},	/* stxp w2, x0, x3, [x1] */
    {0x88228c20, "stxr"},	/* stlxp w2, w0, w3, [x1] */
    {0xf8200022, "lse"},	/* ldadd x0, x2, [x1] */
    {0xb8a00022, "lse"},	/* ldadda w0, w2, [x1] */
    {0xf8e00022, "lse"},	/* ldaddal x0, x2, [x1] */
    {0xf8600022, "lse"},	/* ldaddl x0, x2, [x1] */
    {0x38200022, "lse"},	/* ldaddb w0, w2, [x1] */
    {0x78e00022, "lse"},	/* ldaddalh w0, w2, [x1] */
    {0xf8201022, "lse"},	/* ldclr x0, x2, [x1] */
    {0xf8e01022, "lse"},	/* ldclral x0, x2, [x1] */
    {0xf8202022, "lse"},	/* ldeor x0, x2, [x1] */
    {0xf8203022, "lse"},	/* ldset x0, x2, [x1] */
    {0x38e03022, "lse"},	/* ldsetalb w0, w2, [x1] */
    {0xf8204022, "lse"},	/* ldsmax x0, x2, [x1] */
    {0xf8205022, "lse"},	/* ldsmin x0, x2, [x1] */
    {0xf8206022, "lse"},	/* ldumax x0, x2, [x1] */
    {0xf8207022, "lse"},	/* ldumin x0, x2, [x1] */
    {0xf8208022, "lse"},	/* swp x0, x2, [x1] */
    {0xf8e08022, "lse"},	/* swpal x0, x2, [x1] */
    {0x38208022, "lse"},	/* swpb w0, w2, [x1] */
    {0x78608022, "lse"},	/* swplh w0, w2, [x1] */
    {0xf820003f, "lse"},	/* stadd x0, [x1] */
    {0xb860003f, "lse"},	/* staddl w0, [x1] */
    {0xf820103f, "lse"},	/* stclr x0, [x1] */
    {0xb820203f, "lse"},	/* steor w0, [x1] */
    {0xf820303f, "lse"},	/* stset x0, [x1] */
    {0x3860303f, "lse"},	/* stsetlb w0, [x1] */
    {0xf820703f, "lse"},	/* stumin x0, [x1] */
    {0xc8a07c22, "lse"},	/* cas x0, x2, [x1] */
    {0xc8e07c22, "lse"},	/* casa x0, x2, [x1] */
    {0xc8a0fc22, "lse"},	/* casl x0, x2, [x1] */
    {0xc8e0fc22, "lse"},	/* casal x0, x2, [x1] */
    {0x08a07c22, "lse"},	/* casb w0, w2, [x1] */
    {0x48e07c22, "lse"},	/* casah w0, w2, [x1] */
    {0x08e0fc22, "lse"},	/* casalb w0, w2, [x1] */
    {0x48207c82, "lse"},	/* casp x0, x1, x2, x3, [x4] */
    {0x0860fc82, "lse"},	/* caspal w0, w1, w2, w3, [x4] */
    {LAZYBENCH_MARKER_ARM64_OPEN, "open"},
    {LAZYBENCH_MARKER_ARM64_CLOSE, "close"},
    {LAZYBENCH_MARKER_ARM64_SUM, "sum"},
    /* near misses */
    {0xd5032f9f, NULL}, /* hint #0x7c */
    {0xd5032fbe, NULL}, /* hint #0x7d's bits with Rt != 11111: not a hint */
    {0xd503201f, NULL}, /* nop */
    {0xd503203f, NULL}, /* yield */
    {0xd50330ff, NULL}, /* sb */
    {0xd5033f5f, NULL}, /* clrex */
    {0xd5033b80, NULL}, /* dsb ish with Rt != 11111: unallocated */
    {0xd50b7e20, NULL}, /* dc civac, x0 (SYS, CRn 7) */
    {0xd508751f, NULL}, /* ic iallu (SYS, CRn 7) */
    {0xd528831f, NULL}, /* sysl x31, #0, c8, c3, #0: L = 1 is a read, not a TLBI */
    {0xd5183b9f, NULL}, /* msr (op0 11) with CRn 3 */
    {0xf9400020, NULL}, /* ldr x0, [x1] */
    {0xf9000020, NULL}, /* str x0, [x1] */
    {0x39400020, NULL}, /* ldrb w0, [x1] */
    {0xc8dffc20, NULL}, /* ldar x0, [x1] */
    {0xc89ffc20, NULL}, /* stlr x0, [x1] */
    {0x08dffc20, NULL}, /* ldarb w0, [x1] */
    {0x489ffc20, NULL}, /* stlrh w0, [x1] */
    {0xc8df7c20, NULL}, /* ldlar x0, [x1] */
    {0xc89f7c20, NULL}, /* stllr x0, [x1] */
    {0xf8bfc020, NULL}, /* ldapr x0, [x1] */
    {0x38bfc020, NULL}, /* ldaprb w0, [x1] */
    {0xa9400440, NULL}, /* ldp x0, x1, [x2] */
    {0xa9000440, NULL}, /* stp x0, x1, [x2] */
    {0xa8400440, NULL}, /* ldnp x0, x1, [x2] */
    {0xf8626820, NULL}, /* ldr x0, [x1, x2] */
    {0xf8226820, NULL}, /* str x0, [x1, x2] */
    {0xf8400820, NULL}, /* ldtr x0, [x1] */
    {0xf83f9020, NULL}, /* st64b x0, [x1] */
    {0xf83fd020, NULL}, /* ld64b x0, [x1] */
    {0xf822b020, NULL}, /* st64bv x2, x0, [x1] */
    {0xf822a020, NULL}, /* st64bv0 x2, x0, [x1] */
};

static void arm64_encodings(void **state)
{
	(void)state;
	assert_int_equal(LAZYBENCH_MARKER_ARM64_OPEN, 0xd5032fdf);  /* hint #0x7e */
	assert_int_equal(LAZYBENCH_MARKER_ARM64_CLOSE, 0xd5032fff); /* hint #0x7f */
	assert_int_equal(LAZYBENCH_MARKER_ARM64_SUM, 0xd5032fbf);   /* hint #0x7d */
	check_words(LBTCG_ARCH_ARM64, arm64, sizeof(arm64) / sizeof(arm64[0]));
}

static const struct w32 ppc64[] = {
    {0x7ca02264, "tlbie"},  /* tlbie r4,r5 */
    {0x7c002224, "tlbiel"}, /* tlbiel r4 */
    {0x7c00046c, "tlbsync"},
    {0x7c4004ac, "ptesync"},
    {0x7c0004ac, "hwsync"},
    {0x7c2004ac, "lwsync"},
    {0x7c0006ac, "eieio"},
    {0x4c00012c, "isync"},
    {0x7c001b64, "slbie"}, /* slbie r3 */
    {0x7c0003e4, "slbia"},
    {0x7c602324, "slbmte"}, /* slbmte r3,r4 */
    {0x44000022, "hcall"},  /* sc 1 */
    {0x44000002, "sc"},
    {0x44000001, "scv"},  /* scv 0 */
    {0x7c642868, "larx"}, /* lbarx r3,r4,r5 */
    {0x7c6428e8, "larx"}, /* lharx r3,r4,r5 */
    {0x7c642828, "larx"}, /* lwarx r3,r4,r5 */
    {0x7c6428a8, "larx"}, /* ldarx r3,r4,r5 */
    {0x7cc42a28, "larx"}, /* lqarx r6,r4,r5 */
    {0x7c642829, "larx"}, /* lwarx r3,r4,r5,1 */
    {0x7c6028a9, "larx"}, /* ldarx r3,0,r5,1 */
    {0x7c642869, "larx"}, /* lbarx r3,r4,r5,1 */
    {0x7c642d6d, "stcx"}, /* stbcx. r3,r4,r5 */
    {0x7c642dad, "stcx"}, /* sthcx. r3,r4,r5 */
    {0x7c64292d, "stcx"}, /* stwcx. r3,r4,r5 */
    {0x7c6429ad, "stcx"}, /* stdcx. r3,r4,r5 */
    {0x7cc4296d, "stcx"}, /* stqcx. r6,r4,r5 */
    {LAZYBENCH_MARKER_PPC64_OPEN, "open"},
    {LAZYBENCH_MARKER_PPC64_CLOSE, "close"},
    {LAZYBENCH_MARKER_PPC64_SUM, "sum"},
    /* near misses */
    {0x6b9c0000, NULL}, /* xori r28,r28,0 */
    {0x6bbe0000, NULL}, /* xori r30,r29,0 */
    {0x6bbd0001, NULL}, /* xori r29,r29,1 */
    {0x68000000, NULL}, /* xnop */
    {0x6bde0001, NULL}, /* xori r30,r30,1 */
    {0x60420000, NULL}, /* ori r2,r2,0 (group-ending nop) */
    {0x7c210b78, NULL}, /* or r1,r1,r1 (priority hint) */
    {0x7ffffb78, NULL}, /* or r31,r31,r31 */
    {0x60000000, NULL}, /* nop */
    {0x7c0002e4, NULL}, /* tlbia */
    {0x7c0018ac, NULL}, /* dcbf 0,r3 */
    {0x7ca02265, NULL}, /* tlbie with Rc = 1: invalid form */
    {0x7c6004ac, NULL}, /* sync L = 3: reserved */
    {0x44000003, NULL}, /* opcode 17, bits 30-31 = 11 */
    {0x7c0002a6, NULL}, /* mfspr r0,0: 31/339 */
    {0x7c64282e, NULL}, /* lwzx r3,r4,r5 */
    {0x7c64292e, NULL}, /* stwx r3,r4,r5 */
    {0x7c64282a, NULL}, /* ldx r3,r4,r5 */
    {0x7c64292a, NULL}, /* stdx r3,r4,r5 */
    {0x7c6428ae, NULL}, /* lbzx r3,r4,r5 */
    {0x7c642a2e, NULL}, /* lhzx r3,r4,r5 */
    {0x7c6429ae, NULL}, /* stbx r3,r4,r5 */
    {0x7c642b2e, NULL}, /* sthx r3,r4,r5 */
    {0x7c600026, NULL}, /* mfcr r3 */
    {0x7c64296e, NULL}, /* stwux r3,r4,r5 */
    {0x7c64296a, NULL}, /* stdux r3,r4,r5 */
    {0x7c042a2c, NULL}, /* dcbtct r4,r5 */
    {0x7c64048c, NULL}, /* lwat r3,r4,0 (ISA 3.0 atomic memory operation: not counted) */
    {0x7c6404cc, NULL}, /* ldat r3,r4,0 (ISA 3.0 atomic memory operation: not counted) */
    {0x7c64058c, NULL}, /* stwat r3,r4,0 (ISA 3.0 atomic memory operation: not counted) */
    {0x7c64292c, NULL}, /* stwcx. r3,r4,r5 with Rc = 0: invalid form */
};

static void ppc64_encodings(void **state)
{
	(void)state;
	assert_int_equal(LAZYBENCH_MARKER_PPC64_OPEN, 0x6bde0000);  /* xori 30,30,0 */
	assert_int_equal(LAZYBENCH_MARKER_PPC64_CLOSE, 0x6bff0000); /* xori 31,31,0 */
	assert_int_equal(LAZYBENCH_MARKER_PPC64_SUM, 0x6bbd0000);   /* xori 29,29,0 */
	check_words(LBTCG_ARCH_PPC64LE, ppc64, sizeof(ppc64) / sizeof(ppc64[0]));
	check_words(LBTCG_ARCH_PPC64, ppc64, sizeof(ppc64) / sizeof(ppc64[0]));
}

struct xb {
	uint8_t b[15];
	size_t len;
	const char *want;
};

static const struct xb x86[] = {
    {{0x0f, 0x01, 0x38}, 3, "invlpg"},		    /* invlpg (%rax) */
    {{0x0f, 0x01, 0x7c, 0xcf, 0x10}, 5, "invlpg"},  /* invlpg 0x10(%rdi,%rcx,8) */
    {{0x3e, 0x0f, 0x01, 0x38}, 4, "invlpg"},	    /* with a ds prefix */
    {{0x66, 0x0f, 0x38, 0x82, 0x07}, 5, "invpcid"}, /* invpcid (%rdi),%rax */
    {{0x0f, 0x22, 0xd8}, 3, "mov_cr3"},		    /* mov %rax,%cr3 */
    {{0x0f, 0x22, 0xdf}, 3, "mov_cr3"},		    /* mov %rdi,%cr3 */
    {{0x41, 0x0f, 0x22, 0xd8}, 4, "mov_cr3"},	    /* mov %r8,%cr3 (REX.B) */
    {{0x0f, 0x22, 0x18}, 3, "mov_cr3"},		    /* mod ignored: still a register */
    {{0x0f, 0x22, 0xe0}, 3, "mov_cr4"},		    /* mov %rax,%cr4 */
    {{0x0f, 0x22, 0xc0}, 3, "mov_cr0"},		    /* mov %rax,%cr0 */
    {{0x0f, 0x09}, 2, "wbinvd"},
    {{0x0f, 0x08}, 2, "invd"},
    {{0x0f, 0xa2}, 2, "cpuid"},
    {{0x0f, 0x30}, 2, "wrmsr"},
    {{0x0f, 0xae, 0xf0}, 3, "mfence"},
    {{0x0f, 0xae, 0xe8}, 3, "lfence"},
    {{0x0f, 0xae, 0xf8}, 3, "sfence"},
    {{0x0f, 0x01, 0xe8}, 3, "serialize"},
    {{0x0f, 0x01, 0xfe}, 3, "invlpgb"},
    {{0x0f, 0x01, 0xff}, 3, "tlbsync"},
    {{0x0f, 0x01, 0xc1}, 3, "vmcall"},
    {{0xf0, 0x83, 0x07, 0x01}, 4, "locked"},		      /* lock addl $0x1,(%rdi) */
    {{0xf0, 0xff, 0x07}, 3, "locked"},			      /* lock incl (%rdi) */
    {{0xf0, 0x48, 0x0f, 0xc1, 0x07}, 5, "locked"},	      /* lock xadd %rax,(%rdi) */
    {{0xf0, 0x48, 0x0f, 0xb1, 0x0f}, 5, "locked"},	      /* lock cmpxchg %rcx,(%rdi) */
    {{0xf0, 0x48, 0x0f, 0xc7, 0x0f}, 5, "locked"},	      /* lock cmpxchg16b (%rdi) */
    {{0xf0, 0x48, 0x0f, 0xba, 0x2f, 0x03}, 6, "locked"},      /* lock btsq $0x3,(%rdi) */
    {{0xf0, 0x80, 0x4f, 0x10, 0x01}, 5, "locked"},	      /* lock orb $0x1,0x10(%rdi) */
    {{0x66, 0xf0, 0x83, 0x07, 0x01}, 5, "locked"},	      /* lock addw $0x1,(%rdi) */
    {{0xf0, 0x41, 0x21, 0x00}, 4, "locked"},		      /* lock and %eax,(%r8) */
    {{0x48, 0x87, 0x07}, 3, "locked"},			      /* xchg %rax,(%rdi) */
    {{0x86, 0x07}, 2, "locked"},			      /* xchg %al,(%rdi) */
    {{0x87, 0x44, 0x24, 0x08}, 4, "locked"},		      /* xchg %eax,0x8(%rsp) */
    {{0x66, 0x87, 0x07}, 3, "locked"},			      /* xchg %ax,(%rdi) */
    {{0x4d, 0x87, 0x0a}, 3, "locked"},			      /* xchg %r9,(%r10) */
    {{0x3e, 0xf0, 0x0f, 0xc1, 0x07}, 5, "locked"},	      /* ds lock xadd %eax,(%rdi) */
    {{0x0f, 0x1f, 0x80, 0x01, 0x00, 0x42, 0x4c}, 7, "open"},  /* nopl 0x4c420001(%rax) */
    {{0x0f, 0x1f, 0x80, 0x02, 0x00, 0x42, 0x4c}, 7, "close"}, /* nopl 0x4c420002(%rax) */
    {{0x0f, 0x1f, 0x80, 0x03, 0x00, 0x42, 0x4c}, 7, "sum"},   /* nopl 0x4c420003(%rax) */
    /* near misses */
    {{0x0f, 0x1f, 0x80, 0x04, 0x00, 0x42, 0x4c}, 7, NULL},	 /* other displacement */
    {{0x0f, 0x1f, 0x80, 0x03, 0x00, 0x42, 0x4d}, 7, NULL},	 /* other displacement */
    {{0x66, 0x0f, 0x1f, 0x80, 0x01, 0x00, 0x42, 0x4c}, 8, NULL}, /* nopw, same disp */
    {{0x0f, 0x1f, 0x84, 0x00, 0x01, 0x00, 0x42, 0x4c}, 8, NULL}, /* nopl with SIB, same disp */
    {{0x0f, 0x1f, 0x80, 0x01, 0x00, 0x42}, 6, NULL},		 /* truncated */
    {{0x0f, 0x20, 0xd8}, 3, NULL},				 /* mov %cr3,%rax: a read */
    {{0x44, 0x0f, 0x22, 0xd8}, 4, NULL},			 /* REX.R: cr11 */
    {{0x0f, 0x22, 0xd0}, 3, NULL},				 /* mov %rax,%cr2 */
    {{0x0f, 0x32}, 2, NULL},					 /* rdmsr */
    {{0x0f, 0x01, 0xf8}, 3, NULL},				 /* swapgs */
    {{0x0f, 0x01, 0xf9}, 3, NULL},				 /* rdtscp */
    {{0x0f, 0x01, 0x10}, 3, NULL},				 /* lgdt (%rax) */
    {{0x0f, 0xae, 0x38}, 3, NULL},				 /* clflush (%rax) */
    {{0x66, 0x0f, 0xae, 0xf0}, 4, NULL},			 /* tpause %eax */
    {{0x0f, 0x38, 0x82, 0x07}, 4, NULL},			 /* invpcid without 66 */
    {{0x66, 0x0f, 0x38, 0x82, 0xc7}, 5, NULL},			 /* invpcid register form */
    {{0x90}, 1, NULL},						 /* nop */
    {{0x0f}, 1, NULL},						 /* truncated */
    {{0x83, 0x07, 0x01}, 3, NULL},				 /* addl $0x1,(%rdi) */
    {{0xff, 0x07}, 2, NULL},					 /* incl (%rdi) */
    {{0x48, 0x0f, 0xc1, 0x07}, 4, NULL},			 /* xadd %rax,(%rdi) */
    {{0x48, 0x0f, 0xb1, 0x0f}, 4, NULL},			 /* cmpxchg %rcx,(%rdi) */
    {{0x48, 0x91}, 2, NULL},					 /* xchg %rax,%rcx */
    {{0x86, 0xc1}, 2, NULL},					 /* xchg %al,%cl */
    {{0x4d, 0x87, 0xca}, 3, NULL},				 /* xchg %r9,%r10 */
    {{0x91}, 1, NULL},						 /* xchg %eax,%ecx */
    {{0xf3, 0x90}, 2, NULL},					 /* pause */
    {{0x48, 0x89, 0x07}, 3, NULL},				 /* mov %rax,(%rdi) */
    {{0x3e, 0x0f, 0xc1, 0x07}, 4, NULL}, /* ds xadd: the LOCK a UP kernel patches out */
    {{0xf0}, 1, NULL},			 /* lock, truncated */
    {{0x87}, 1, NULL},			 /* xchg, truncated */
};

static void x86_encodings(void **state)
{
	(void)state;
	assert_int_equal(LAZYBENCH_MARKER_X86_OPEN_DISP, 0x4c420001);
	assert_int_equal(LAZYBENCH_MARKER_X86_CLOSE_DISP, 0x4c420002);
	assert_int_equal(LAZYBENCH_MARKER_X86_SUM_DISP, 0x4c420003);
	for (size_t i = 0; i < sizeof(x86) / sizeof(x86[0]); i++) {
		char what[64];

		snprintf(what, sizeof(what), "x86 #%zu (%02x %02x %02x)", i, x86[i].b[0],
			 x86[i].b[1], x86[i].b[2]);
		check_name(result_name(lbtcg_classify(LBTCG_ARCH_X86_64, x86[i].b, x86[i].len)),
			   x86[i].want, what);
	}
}

/* The header's inline asm emits exactly the encodings the decoder matches (host arch). */
static void marker_header_matches_decoder(void **state)
{
	(void)state;
#if defined(__x86_64__)
	static const uint8_t open[] = {0x0f, 0x1f, 0x80, 0x01, 0x00, 0x42, 0x4c};
	static const uint8_t sum[] = {0x0f, 0x1f, 0x80, 0x03, 0x00, 0x42, 0x4c};
	extern const uint8_t lbtcg_test_marker_open[], lbtcg_test_marker_sum[];

	__asm__(".pushsection .rodata\n"
		".globl lbtcg_test_marker_open\n"
		"lbtcg_test_marker_open:\n" LAZYBENCH_MARKER_OPEN_ASM "\n"
		".globl lbtcg_test_marker_sum\n"
		"lbtcg_test_marker_sum:\n" LAZYBENCH_MARKER_SUM_ASM "\n"
		".popsection\n");
	assert_memory_equal(lbtcg_test_marker_open, open, sizeof(open));
	assert_int_equal(lbtcg_classify(LBTCG_ARCH_X86_64, lbtcg_test_marker_open, 7),
			 LBTCG_MARK_OPEN);
	assert_memory_equal(lbtcg_test_marker_sum, sum, sizeof(sum));
	assert_int_equal(lbtcg_classify(LBTCG_ARCH_X86_64, lbtcg_test_marker_sum, 7),
			 LBTCG_MARK_SUM);
#else
	skip();
#endif
	/* The markers run natively as NOPs. */
	lazybench_marker_open();
	lazybench_marker_close();
	lazybench_marker_sum();
}

static void names_and_arches(void **state)
{
	(void)state;
	assert_int_equal(lbtcg_arch_parse("arm64"), LBTCG_ARCH_ARM64);
	assert_int_equal(lbtcg_arch_parse("ppc64le"), LBTCG_ARCH_PPC64LE);
	assert_int_equal(lbtcg_arch_parse("x86_64"), LBTCG_ARCH_X86_64);
	assert_int_equal(lbtcg_arch_parse("riscv64"), LBTCG_ARCH_NONE);
	assert_string_equal(lbtcg_event_name(LBTCG_EV_INSN), "insn");
	assert_null(lbtcg_event_name(LBTCG_NEV));
	assert_null(lbtcg_event_name(-1));
	assert_true(lbtcg_event_on_arch(LBTCG_EV_INSN, LBTCG_ARCH_X86_64));
	assert_true(lbtcg_event_on_arch(LBTCG_EV_PPC_HCALL, LBTCG_ARCH_PPC64LE));
	assert_false(lbtcg_event_on_arch(LBTCG_EV_PPC_HCALL, LBTCG_ARCH_ARM64));
	assert_false(lbtcg_event_on_arch(LBTCG_EV_A64_DSB_ISHST, LBTCG_ARCH_X86_64));
	assert_true(lbtcg_event_on_arch(LBTCG_EV_PPC_STCX, LBTCG_ARCH_PPC64));
	assert_false(lbtcg_event_on_arch(LBTCG_EV_PPC_LARX, LBTCG_ARCH_ARM64));
	assert_true(lbtcg_event_on_arch(LBTCG_EV_A64_LSE, LBTCG_ARCH_ARM64));
	assert_false(lbtcg_event_on_arch(LBTCG_EV_X86_LOCKED, LBTCG_ARCH_PPC64LE));
	assert_string_equal(lbtcg_event_name(LBTCG_EV_X86_LOCKED), "locked");
	/* Names are unique: they are counter names. */
	for (int a = 0; a < LBTCG_NEV; a++)
		for (int b = a + 1; b < LBTCG_NEV; b++)
			if (!strcmp(lbtcg_event_name(a), lbtcg_event_name(b)))
				assert_false(lbtcg_event_on_arch(a, LBTCG_ARCH_X86_64) &&
					     lbtcg_event_on_arch(b, LBTCG_ARCH_X86_64));
	/* Unknown arch: nothing classified. */
	assert_int_equal(lbtcg_classify(LBTCG_ARCH_NONE, (const uint8_t *)"\x9f\x3b\x03\xd5", 4),
			 LBTCG_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(arm64_encodings),	cmocka_unit_test(ppc64_encodings),
	    cmocka_unit_test(x86_encodings),	cmocka_unit_test(marker_header_matches_decoder),
	    cmocka_unit_test(names_and_arches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
