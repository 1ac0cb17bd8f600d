package org.quanli.query.archviolationpeer;

import org.quanli.query.archviolation.QueryInternals;

/** The other half of the query-side cycle ArchitectureTest must refuse. */
public class QueryPeerInternals {

    QueryInternals back;
}
