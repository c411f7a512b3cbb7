package org.onewindow.storage;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param objects        the objects on this page in ascending key order
 * @param nextStartAfter pass as {@code startAfter} to get the next page; {@code null} when this is the last page
 */
public record ListPage(List<ObjectInfo> objects, String nextStartAfter) {
    public ListPage {
        objects = List.copyOf(objects);
    }

    public boolean hasMore() {
        return nextStartAfter != null;
    }
}
