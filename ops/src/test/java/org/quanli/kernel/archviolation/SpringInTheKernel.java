package org.quanli.kernel.archviolation;

import org.springframework.stereotype.Component;

/** Breaks the kernel's wall on purpose (ArchitectureTest): a kernel class that needs Spring. */
@Component
public class SpringInTheKernel {
}
