package org.quanli.platform.archviolation;

import org.quanli.command.archviolation.CommandInternals;

/** Breaks the platform's wall on purpose (ArchitectureTest): platform code that knows the command side. */
public class PlatformKnowsASide {

    CommandInternals side;
}
