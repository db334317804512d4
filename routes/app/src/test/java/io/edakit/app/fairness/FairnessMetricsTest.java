package io.edakit.app.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.edakit.fairness.TenantSnapshot;
import org.junit.jupiter.api.Test;

class FairnessMetricsTest {

    @Test
    void tenantLabelsAreBoundedToTheTopTenAndOther() {
        List<TenantSnapshot> tenants = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            tenants.add(new TenantSnapshot("t" + i, 2, 1, 10, (1_000 - i) / 500_500.0, 1, 0, 1, 5 + i, 1, i == 0));
        }
        List<FairnessMetrics.Row> rows = FairnessMetrics.rows(Map.of("orders", tenants));
        assertThat(rows).hasSize(FairnessMetrics.TOP + 1);
        assertThat(rows.get(0).tags().stream()).anySatisfy(tag -> assertThat(tag.getValue()).isEqualTo("t0"));
        FairnessMetrics.Row other = rows.get(rows.size() - 1);
        assertThat(other.tags().stream()).anySatisfy(tag -> assertThat(tag.getValue()).isEqualTo("other"));
        assertThat(other.backlog()).isEqualTo(2 * 990);
        assertThat(other.inFlight()).isEqualTo(990);
        assertThat(other.dwellP99Seconds()).isEqualTo((5 + 999) / 1000.0);
        assertThat(rows.stream().mapToDouble(FairnessMetrics.Row::share).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(FairnessMetrics.rows(Map.of("small", tenants.subList(0, 3)))).hasSize(3);
    }
}
