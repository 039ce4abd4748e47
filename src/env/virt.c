// SPDX-License-Identifier: GPL-2.0
/*
 * Virtualisation detection: x86 CPUID hypervisor leaf, Xen's /sys/hypervisor, the powerpc
 * device tree and DMI. Lazy MMU results depend on it: on x86 the mode only batches under
 * Xen PV, and a QEMU TCG guest has no real TLB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include "env_parse.h"
#include "env_keys.h"
#include "virt.h"

static json_t *verdict(const char *type, const char *detail)
{
	return json_pack("{s:s, s:s}", LB_ENV_KEY_VIRT_TYPE, type, "detail", detail);
}

#if defined(__x86_64__) || defined(__i386__)
/* The 12-byte vendor signature of CPUID leaf 0x40000000 when the hypervisor bit is set. */
static int hypervisor_signature(char sig[13])
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 31)))
		return -1;
	__cpuid(0x40000000, a, b, c, d);
	memcpy(sig, &b, 4);
	memcpy(sig + 4, &c, 4);
	memcpy(sig + 8, &d, 4);
	sig[12] = 0;
	return 0;
}

static const struct {
	const char *sig, *type;
} signatures[] = {
    {"KVMKVMKVM", "kvm"},	{"TCGTCGTCGTCG", "qemu-tcg"},  {"XenVMMXenVMM", "xen-hvm"},
    {"Microsoft Hv", "hyperv"}, {"VMwareVMware", "vmware"},    {"bhyve bhyve ", "bhyve"},
    {"ACRNACRNACRN", "acrn"},	{" lrpepyh  vr", "parallels"},
};
#endif

json_t *lb_virt_detect(void)
{
	char buf[256], detail[512];
	int unknown_sig = 0;

	/* Xen PV first: a PV guest has no hypervisor CPUID leaf to speak of. */
	if (!lb_read_line("/sys/hypervisor/type", buf, sizeof(buf)) && !strcmp(buf, "xen")) {
		char gt[64] = "";

		lb_read_line("/sys/hypervisor/guest_type", gt, sizeof(gt));
		if (!strcmp(gt, "PV"))
			return verdict("xen-pv", "/sys/hypervisor/guest_type is PV");
		if (!strcmp(gt, "PVH"))
			return verdict("xen-pvh", "/sys/hypervisor/guest_type is PVH");
		return verdict("xen-hvm", "/sys/hypervisor/type is xen");
	}
#if defined(__x86_64__) || defined(__i386__)
	{
		char sig[13];
		int no_dmi = access("/sys/class/dmi/id", F_OK) != 0;

		if (!hypervisor_signature(sig)) {
			for (size_t i = 0; i < sizeof(signatures) / sizeof(signatures[0]); i++) {
				if (strncmp(sig, signatures[i].sig, strlen(signatures[i].sig)))
					continue;
				snprintf(detail, sizeof(detail),
					 "CPUID 0x40000000 signature \"%s\"%s", sig,
					 no_dmi && !strcmp(signatures[i].type, "kvm")
					     ? "; no DMI table (microVM: Firecracker or QEMU "
					       "microvm)"
					     : "");
				return verdict(signatures[i].type, detail);
			}
			snprintf(detail, sizeof(detail),
				 "CPUID hypervisor bit, unknown signature \"%s\"", sig);
			/* QEMU TCG without a signature leaf: DMI below may still say QEMU. */
			unknown_sig = 1;
		}
	}
#endif
	/* powerpc pseries: QEMU adds the hypervisor node with "linux,kvm" only under KVM. */
	{
		char *cpuinfo = lb_read_file("/proc/cpuinfo");
		int qemu = cpuinfo && lb_cpuinfo_field(cpuinfo, "machine", buf, sizeof(buf)) == 0 &&
			   strstr(buf, "emulated by qemu");

		free(cpuinfo);
		if (qemu) {
			char *hyp = lb_read_file("/proc/device-tree/hypervisor/compatible");
			int kvm = hyp && strstr(hyp, "linux,kvm");

			free(hyp);
			return kvm ? verdict("kvm", "pseries emulated by qemu, device tree "
						    "hypervisor linux,kvm")
				   : verdict("qemu-tcg", "pseries emulated by qemu, no KVM "
							 "hypervisor node in the device tree");
		}
	}
	/* arm64 and others: QEMU's virt board or DMI; the accelerator is not visible. */
	{
		char *compat = lb_read_file("/proc/device-tree/compatible");
		int dummy = compat && strstr(compat, "linux,dummy-virt");

		free(compat);
		if (dummy)
			return verdict("qemu", "device tree linux,dummy-virt (QEMU virt board; TCG "
					       "or KVM not visible to the guest)");
	}
	if (!lb_read_line("/sys/class/dmi/id/sys_vendor", buf, sizeof(buf))) {
		static const char *const vendors[][2] = {
		    {"QEMU", "qemu"},	       {"KVM", "kvm"},
		    {"Xen", "xen-hvm"},	       {"VMware", "vmware"},
		    {"innotek", "virtualbox"}, {"Microsoft Corporation", "hyperv"},
		    {"Amazon EC2", "kvm"},     {"Google", "kvm"},
		};

		for (size_t i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++)
			if (strstr(buf, vendors[i][0])) {
				/* x86 KVM always shows its CPUID signature: QEMU without it is TCG.
				 */
				int tcg = !strcmp(vendors[i][1], "qemu") && unknown_sig;

				snprintf(detail, sizeof(detail), "DMI sys_vendor \"%s\"%s", buf,
					 tcg ? ", no KVM CPUID signature" : "");
				return verdict(tcg ? "qemu-tcg" : vendors[i][1], detail);
			}
	}
	if (unknown_sig)
		return verdict("unknown", detail);
	return verdict("none", "no CPUID hypervisor leaf, Xen, QEMU device tree or VM DMI vendor");
}
