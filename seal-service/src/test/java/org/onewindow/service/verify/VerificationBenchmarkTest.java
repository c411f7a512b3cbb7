package org.onewindow.service.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.sign.SealIdentity;

/**
 * Verifications per second of {@link PdfVerifier} against EU DSS on the same B-B and B-LTA files, same JVM, same
 * run, alternating rounds; the verdicts must agree. {@code ./onewindow bench VerificationBenchmark}.
 */
@Tag("benchmark")
class VerificationBenchmarkTest {
    private static final int WARM_UP = 5;
    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    @Test
    void oursAgainstDss() throws Exception {
        VerifyFixture fixture = new VerifyFixture(dir);
        Path notice = fixture.notice("notice.pdf");
        SealIdentity seal = fixture.seal("敦煌市行政服务中心", "受理专用章");
        StringBuilder table = new StringBuilder("| file (verdict) | onewindow verifications/s | EU DSS verifications/s | ratio |\n"
                + "|---|---:|---:|---:|\n");
        for (PadesLevel level : new PadesLevel[] {PadesLevel.B_B, PadesLevel.B_LTA}) {
            Path file = fixture.sealed(notice, seal, level, level + ".pdf");
            // offline, both need revocation data: B-B has none (INDETERMINATE for both), B-LTA carries it
            PdfVerifier verifier = new PdfVerifier(fixture.policy().requiringRevocationData());
            String expected = level == PadesLevel.B_B ? "INDETERMINATE" : "TOTAL_PASSED";
            for (int i = 0; i < WARM_UP; i++) {
                assertEquals(expected, verifier.verify(file).indication().name());
                assertEquals(expected, OracleAgreementTest.dss(file, fixture.root()).name());
            }
            long ours = 0;
            long dss = 0;
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                verifier.verify(file);
                long t1 = System.nanoTime();
                OracleAgreementTest.dss(file, fixture.root());
                long t2 = System.nanoTime();
                ours += t1 - t0;
                dss += t2 - t1;
            }
            double oursRate = ROUNDS / (ours / 1e9);
            double dssRate = ROUNDS / (dss / 1e9);
            table.append(String.format(Locale.ROOT, "| 2 pages, %s (%s) | %.1f | %.1f | %.1f× |%n", level, expected, oursRate, dssRate,
                    oursRate / dssRate));
        }
        System.out.println("VERIFY-BENCH\n" + table);
    }
}
