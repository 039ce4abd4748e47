/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the items other stages read sit in the environment record (`lazybench env --json`,
 * run.json's "env"): env.c, virt.c and topo.c build it with these keys, compare and plot read
 * it with the dotted paths. One path per item; an absent item is "unknown".
 */
#ifndef LB_ENV_KEYS_H
#define LB_ENV_KEYS_H

#define LB_ENV_KEY_KERNEL "kernel"
#define LB_ENV_KEY_RELEASE "release"
#define LB_ENV_KEY_VIRT "virtualization"
#define LB_ENV_KEY_VIRT_TYPE "type"
#define LB_ENV_KEY_TOPOLOGY "topology"
#define LB_ENV_KEY_TOPOLOGY_SUMMARY "summary"
#define LB_ENV_KEY_THP "thp"
#define LB_ENV_KEY_THP_ENABLED "enabled"

#define LB_ENV_KERNEL_RELEASE LB_ENV_KEY_KERNEL "." LB_ENV_KEY_RELEASE
#define LB_ENV_HOSTNAME "hostname"
#define LB_ENV_CPU_MODEL "cpu_model"
#define LB_ENV_ARCH "arch"
#define LB_ENV_VIRT LB_ENV_KEY_VIRT "." LB_ENV_KEY_VIRT_TYPE
#define LB_ENV_PAGE_SIZE "page_size"
#define LB_ENV_TOPOLOGY LB_ENV_KEY_TOPOLOGY "." LB_ENV_KEY_TOPOLOGY_SUMMARY
#define LB_ENV_GOVERNOR "governor"
#define LB_ENV_THP_ENABLED LB_ENV_KEY_THP "." LB_ENV_KEY_THP_ENABLED
#define LB_ENV_CLOCKSOURCE "clocksource"

#endif
