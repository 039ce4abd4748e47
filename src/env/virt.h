/* SPDX-License-Identifier: GPL-2.0 */
/* Virtualisation detection for `lazybench env`. */
#ifndef LB_VIRT_H
#define LB_VIRT_H

#include <jansson.h>

/* {"type": "none"|"kvm"|"qemu-tcg"|"qemu"|"xen-pv"|"xen-hvm"|"hyperv"|"vmware"|...,
 *  "detail": "how it was told"} */
json_t *lb_virt_detect(void);

#endif
