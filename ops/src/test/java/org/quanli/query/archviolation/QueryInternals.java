package org.quanli.query.archviolation;

import org.quanli.command.archviolation.CommandInternals;
import org.quanli.query.archviolationpeer.QueryPeerInternals;

/**
 * Breaks the query side's walls on purpose (ArchitectureTest): it reaches into another feature's internals, which
 * reach back (a cycle), and it knows the command side.
 */
public class QueryInternals {

    QueryPeerInternals peer;
    CommandInternals command;
}
