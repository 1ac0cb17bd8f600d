package org.quanli.command.cases;

import java.time.LocalDate;

import org.quanli.kernel.cases.SupervisionLevel;

/** The payload of a supervision deadline: which flag, about which day. */
public record SupervisionDue(SupervisionLevel level, LocalDate day) {
}
