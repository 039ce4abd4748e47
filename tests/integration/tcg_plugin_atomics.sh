#!/bin/bash
# The lbtcg plugin in a real QEMU, without a kernel: per arch, a bare-metal image (cross
# assembler) runs a loop of 3 iterations between the region markers, with atomic
# read-modify-writes and their non-atomic neighbours, then a sum marker; the plugin's sum line
# must count exactly one region with the atomics and instructions of the loop
# (docs/results-format.md, vm/README.md).
. "$(dirname "$0")/lib.sh"
PLUGIN=$LB_BUILD_DIR/vm/plugin/lbtcg.so
[ -f "$PLUGIN" ] || fail "no plugin at $PLUGIN"

# region LINE-FILE QEMU-ARGS...: run QEMU with the plugin until it wrote sum 0 (the image then
# spins), print that line's counts.
region() {
	local out=$1 pid
	shift
	"$@" -display none -nographic -monitor none -serial none -accel tcg \
		-plugin "$PLUGIN,arch=$ARCH,out=$out" 2>qemu.err &
	pid=$!
	for _ in $(seq 300); do
		grep -q '^sum 0 ' "$out" 2>/dev/null && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	kill $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	grep '^sum 0 ' "$out" | sed 's/^sum 0 regions 1 migrated 0 //' ||
		fail "$ARCH: no sum (QEMU: $(tail -n3 qemu.err))"
}

# arm64: -kernel ELF at the virt board's RAM, MMU off.
cat >a64.s <<'EOF'
.globl _start
_start:
	ldr x1, =0x40200000
	mov x3, #3
	hint #0x7e
1:	ldaxr x0, [x1]
	add x0, x0, #1
	stlxr w2, x0, [x1]
	cbnz w2, 1b
	ldxrb w0, [x1]
	stxrb w2, w0, [x1]
	ldadd x0, x2, [x1]
	stadd x0, [x1]
	swpal x0, x2, [x1]
	cas x0, x2, [x1]
	casp x4, x5, x6, x7, [x1]
	ldar x0, [x1]
	stlr x0, [x1]
	ldapr x0, [x1]
	ldr x0, [x1]
	subs x3, x3, #1
	b.ne 1b
	hint #0x7f
	hint #0x7d
2:	b 2b
EOF
aarch64-linux-gnu-as -march=armv8.3-a a64.s -o a64.o
aarch64-linux-gnu-ld -Ttext=0x40080000 a64.o -o a64.elf
ARCH=arm64
expect_eq "arm64 region" "$(region a64.out qemu-system-aarch64 -M virt -cpu max -kernel a64.elf)" \
	"own insn=51 ldxr=6 stxr=6 lse=15 other insn=0"

# ppc64le: pseries, -bios image entered at 0x100 big-endian; a big-endian stub sets MSR[LE] and
# rfid's to the little-endian loop at 0x200.
cat >stub.s <<'EOF'
	.org 0x100
	mfmsr 3
	ori 3,3,1
	mtsrr1 3
	li 4,0x200
	mtsrr0 4
	rfid
	.org 0x200
EOF
cat >ppc.s <<'EOF'
	lis 4,0x1
	li 3,3
	mtctr 3
	xori 30,30,0
1:	lwarx 5,0,4
	addi 5,5,1
	stwcx. 5,0,4
	bne- 1b
	ldarx 5,0,4,1
	stdcx. 5,0,4
	lbarx 5,0,4
	stbcx. 5,0,4
	lwzx 5,0,4
	stwx 5,0,4
	ldx 5,0,4
	stdx 5,0,4
	bdnz 1b
	xori 31,31,0
	xori 29,29,0
2:	b 2b
EOF
powerpc64le-linux-gnu-as -mbig -a64 stub.s -o stub.o
powerpc64le-linux-gnu-as -a64 -mpower8 ppc.s -o ppc.o
powerpc64le-linux-gnu-objcopy -O binary stub.o stub.bin
powerpc64le-linux-gnu-objcopy -O binary ppc.o ppc.bin
cat stub.bin ppc.bin >ppc.img
ARCH=ppc64le
expect_eq "ppc64le region" "$(region ppc.out qemu-system-ppc64 -M pseries -bios ppc.img)" \
	"own insn=39 larx=9 stcx=9 other insn=0"

# x86_64: -bios image from the reset vector, into flat 32-bit protected mode (the marker is a
# 7-byte nopl there as in long mode; prefixes and xchg decode the same).
cat >x86.s <<'EOF'
	.code16
start:
	cli
	mov $0xf000, %ax
	mov %ax, %ds
	lgdtl gdtdesc
	mov %cr0, %eax
	or $1, %al
	mov %eax, %cr0
	ljmpl $0x8, $(0xf0000 + pm)
	.code32
pm:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov $0x1000, %edi
	mov $3, %ecx
	nopl 0x4c420001(%eax)
1:	lock addl $1, (%edi)
	lock xadd %eax, (%edi)
	xchg %eax, (%edi)
	xchg (%edi), %bl
	lock cmpxchg %ebx, (%edi)
	xchg %eax, %ebx
	xchg %bl, %dl
	addl %eax, (%edi)
	ds xadd %eax, (%edi)
	dec %ecx
	jnz 1b
	nopl 0x4c420002(%eax)
	nopl 0x4c420003(%eax)
2:	hlt
	jmp 2b
	.p2align 3
gdt:	.quad 0, 0x00cf9a000000ffff, 0x00cf92000000ffff
gdtdesc: .word 23
	.long 0xf0000 + gdt
	.org 0xfff0
	.code16
	ljmp $0xf000, $start
	.org 0x10000
EOF
as --32 x86.s -o x86.o
ld -m elf_i386 -e 0 -Ttext=0 x86.o -o x86.elf
objcopy -O binary x86.elf x86.img
ARCH=x86_64
expect_eq "x86_64 region" "$(region x86.out qemu-system-x86_64 -bios x86.img)" \
	"own insn=33 locked=15 other insn=0"
