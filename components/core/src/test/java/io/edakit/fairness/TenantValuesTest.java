package io.edakit.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantValuesTest {

    @TempDir
    Path dir;

    @Test
    void inlineWeightsAndTheDefault() {
        TenantValues weights = TenantValues.weights("gold=3, free=1");
        assertThat(weights.get("gold", 1)).isEqualTo(3);
        assertThat(weights.get("other", 1)).isEqualTo(1);
    }

    @Test
    void aWrongWeightSaysWhatWasExpected() {
        assertThatThrownBy(() -> TenantValues.weights("gold=0")).hasMessage("expected tenant=weight with a weight more than 0, was 'gold=0'");
        assertThatThrownBy(() -> TenantValues.weights("gold")).hasMessageContaining("expected tenant=weight");
        assertThatThrownBy(() -> TenantValues.priorities("a=1.5")).hasMessageContaining("whole level");
        assertThatThrownBy(() -> TenantValues.weights("file:" + dir.resolve("missing"))).hasMessageContaining("readable file");
    }

    @Test
    void aWeightsFileIsReadAgainWhenItChanges() throws Exception {
        Path file = dir.resolve("weights.properties");
        Files.writeString(file, "# tenants\ngold=3\nfree=1\n");
        TenantValues weights = TenantValues.weights("file:" + file);
        assertThat(weights.get("gold", 1)).isEqualTo(3);
        Files.writeString(file, "gold=5\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        await().atMost(Duration.ofSeconds(5)).until(() -> weights.get("gold", 1) == 5);
        Files.writeString(file, "gold=broken\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        await().pollDelay(Duration.ofMillis(1_200)).atMost(Duration.ofSeconds(5)).until(() -> weights.get("gold", 1) == 5);
    }

    @Test
    void aValueSetAtRunTimeIsWrittenToItsFileAndReadBackAfterARestart() throws Exception {
        Path file = dir.resolve("weights.properties");
        Files.writeString(file, "# tenants, weight 1 unless written\ngold=3, free=1 # both\n");
        TenantValues weights = TenantValues.weights("file:" + file);
        weights.set("free", 2);
        weights.set("new", 1.5);
        assertThat(weights.get("free", 1)).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo("# tenants, weight 1 unless written\ngold=3, free=2 # both\nnew=1.5\n");
        assertThat(TenantValues.weights("file:" + file).asMap()).containsOnly(
                java.util.Map.entry("gold", 3.0), java.util.Map.entry("free", 2.0), java.util.Map.entry("new", 1.5));
        assertThatThrownBy(() -> weights.set("free", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> weights.set("a=b", 1)).hasMessageContaining("tenant name");
        assertThat(weights.get("free", 1)).isEqualTo(2);
    }

    @Test
    void inlineValuesRefuseARunTimeChangeThatARestartWouldUndo() {
        TenantValues weights = TenantValues.weights("gold=3");
        assertThatThrownBy(() -> weights.set("gold", 5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("file:<path>");
        assertThat(weights.get("gold", 1)).isEqualTo(3);
    }

    @Test
    void aWeightChangedAtRunTimeDividesTheRunningSchedulersNextRounds() throws Exception {
        Path file = dir.resolve("weights.properties");
        Files.writeString(file, "x=1\n");
        TenantValues weights = TenantValues.weights("file:" + file);
        FairScheduler<String> scheduler = new FairScheduler<>(new FairnessPolicy(weights, TenantValues.priorities(""),
                1.0, CostMode.COUNT, FairnessPolicy.DEFAULT_LANES), 1);
        for (int i = 0; i < 5_000; i++) {
            scheduler.offer("x", "x" + i, System.nanoTime());
            scheduler.offer("y", "y" + i, System.nanoTime());
        }
        assertThat(FairSchedulerTest.run(scheduler, 1_000, java.util.Map.of()).get("x")).isBetween(490, 510);
        weights.set("x", 3);
        assertThat(FairSchedulerTest.run(scheduler, 1_000, java.util.Map.of()).get("x")).isBetween(740, 760);
    }
}
