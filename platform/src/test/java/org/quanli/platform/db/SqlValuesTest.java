package org.quanli.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlValuesTest {

    @Test
    void aPageIsWrittenIntoTheStatementAsNumbers() {
        assertThat(SqlValues.limitOffset(21, 9000)).isEqualTo(" limit 21 offset 9000");
        assertThat(SqlValues.limitOffset(50, 0)).isEqualTo(" limit 50 offset 0");
    }

    @Test
    void aNegativeLimitOrOffsetIsRefused() {
        assertThatThrownBy(() -> SqlValues.limitOffset(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlValues.limitOffset(20, -20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSearchedTextKeepsItsWildcardsLiteral() {
        assertThat(SqlValues.containing("50%_a\\b")).isEqualTo("%50\\%\\_a\\\\b%");
    }
}
