package org.quanli.platform.integrity;

/**
 * The hashes of complete subtrees: the node at {@code level} and {@code index} covers the leaves
 * [index·2^level, (index+1)·2^level); level 0 are the leaf hashes. Every proof is built from such nodes only.
 */
@FunctionalInterface
public interface NodeSource {

    byte[] node(int level, long index);
}
