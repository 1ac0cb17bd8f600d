package org.quanli.command.cases;

import java.time.LocalDate;

import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.platform.architecture.FeatureInterface;

/** The payload of a supervision deadline: which flag, about which day. */
@FeatureInterface
public record SupervisionDue(SupervisionLevel level, LocalDate day) {
}
