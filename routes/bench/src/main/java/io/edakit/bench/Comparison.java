package io.edakit.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One run's sides side by side: the template, the raw-client baseline and, where Camel has an
 * equivalent, the plain Camel route a Camel user would write instead ({@code camel} is null
 * otherwise). Every ratio is the template's figure over the other side's, from the same run.
 */
record Comparison(Figures template, Figures baseline, Figures camel) {

    /** What a side measured in a run. */
    interface Figures {

        /** Messages (or calls) per second over all measured slices. */
        double rate();

        /** CPU time of the whole process (broker, sender, consumers) per message, in microseconds. */
        double cpuMicrosPerMessage();

        /** The rate of each measured slice, in the order they ran. */
        List<Double> sliceRates();
    }

    double ratio() {
        return template.rate() / baseline.rate();
    }

    double cpuRatio() {
        return template.cpuMicrosPerMessage() / baseline.cpuMicrosPerMessage();
    }

    double camelRatio() {
        return template.rate() / camel.rate();
    }

    double camelCpuRatio() {
        return template.cpuMicrosPerMessage() / camel.cpuMicrosPerMessage();
    }

    /** Template over baseline of each serpentine round: slice i of one side against slice i of the other. */
    List<Double> sliceRatios() {
        return sliceRatios(baseline);
    }

    List<Double> camelSliceRatios() {
        return sliceRatios(camel);
    }

    private List<Double> sliceRatios(Figures other) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(template.sliceRates().size(), other.sliceRates().size()); i++) {
            ratios.add(template.sliceRates().get(i) / other.sliceRates().get(i));
        }
        return ratios;
    }
}
