package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.powerlist.ItemContent;

class ContentFieldsTest {

    @Test
    void everyFieldOfAnItemsContentHasAChineseName() {
        assertThat(Arrays.stream(ItemContent.class.getRecordComponents()).map(RecordComponent::getName))
                .allSatisfy(field -> assertThat(ContentFields.label(field)).isNotEqualTo(field));
        assertThat(ContentFields.labels(java.util.List.of("name", "promisedLimitDays"))).isEqualTo("名称、承诺时限");
    }
}
