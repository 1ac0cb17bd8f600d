package org.quanli.command.archviolationpeer;

import org.quanli.command.archviolation.CommandInternals;

/** The other half of the command-side cycle ArchitectureTest must refuse. */
public class PeerInternals {

    CommandInternals back;
}
