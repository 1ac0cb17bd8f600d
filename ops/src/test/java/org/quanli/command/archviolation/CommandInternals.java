package org.quanli.command.archviolation;

import org.quanli.command.archviolationpeer.PeerInternals;
import org.quanli.query.archviolation.QueryInternals;

/**
 * Breaks the command side's walls on purpose (ArchitectureTest): it reaches into another feature's internals, which
 * reach back (a cycle), and it asks the query side.
 */
public class CommandInternals {

    PeerInternals peer;
    QueryInternals query;
}
