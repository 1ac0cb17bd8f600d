package org.quanli.kernel.powerlist;

/** One legal basis of an item: the kind of source, its title and the article relied on. */
public record LegalBasis(LegalBasisKind kind, String title, String article) {
}
