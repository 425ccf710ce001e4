package dev.strangler.connect.reconcile.evidence;

/**
 * Classifies the share of compared records that ended in a confirmed finding. Below {@code minCompared} records the
 * rate is not trusted (one finding in the first ten records is not an incident) and the level stays OK.
 */
public record MismatchRateThresholds(double warningRate, double incidentRate, long minCompared) {

    public MismatchRateThresholds {
        if (warningRate < 0 || incidentRate < warningRate) {
            throw new IllegalArgumentException("need 0 <= warning rate <= incident rate, got " + warningRate + " and " + incidentRate);
        }
    }

    public static double rate(long compared, long confirmed) {
        return compared == 0 ? 0.0 : (double) confirmed / compared;
    }

    public HealthLevel classify(long compared, long confirmed) {
        if (compared < minCompared || compared == 0) {
            return HealthLevel.OK;
        }
        double rate = rate(compared, confirmed);
        if (rate >= incidentRate && confirmed > 0) {
            return HealthLevel.INCIDENT;
        }
        return rate >= warningRate && confirmed > 0 ? HealthLevel.WARNING : HealthLevel.OK;
    }
}
