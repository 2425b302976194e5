package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.msqsim.core.spec.BoardSpec;

/**
 * Built-in boards are loaded one at a time on first use (a run names one board): a board got by id is
 * the very spec {@link BoardCatalog#all()} lists at its index, whichever is asked first, and asking
 * again gives the same spec.
 */
class BoardCatalogLazyTest {

    @Test
    void aBoardByIdIsTheOneAllListsAtItsIndex() {
        List<String> ids = BoardCatalog.ids();
        BoardSpec first = BoardCatalog.get(ids.get(ids.size() - 1));
        List<BoardSpec> all = BoardCatalog.all();
        assertEquals(ids.size(), all.size());
        assertSame(first, all.get(ids.size() - 1));
        for (int i = 0; i < ids.size(); i++) {
            assertSame(all.get(i), BoardCatalog.get(ids.get(i)), ids.get(i));
            assertEquals(ids.get(i), all.get(i).id());
        }
        assertSame(all, BoardCatalog.all());
    }
}
