import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Which part of verify is slower natively: HMAC-SHA256, or JCS canonicalisation (parse + write).
 * Figures in docs/PERFORMANCE.md. Run it on the JVM and as a native executable:
 *
 *   JCS=~/.m2/repository/io/github/erdtman/java-json-canonicalization/1.1/java-json-canonicalization-1.1.jar
 *   javac -d target/native-micro -cp $JCS docs/benchmarks/native-micro/NativeMicro.java
 *   java -cp target/native-micro:$JCS NativeMicro
 *   native-image -cp target/native-micro:$JCS --no-fallback -o target/native-micro/micro NativeMicro
 *   target/native-micro/micro
 */
public class NativeMicro {
    public static void main(String[] args) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] message = ("{\"action\":\"note\",\"actor\":\"agent-3\",\"hmac_prev\":\"" + "ab".repeat(32)
                + "\",\"metadata\":{\"i\":12345,\"principal\":\"admin\"},\"project\":\"bench\",\"seq\":12345,\"ts\":\"2026-12-02T10:00:00.123456Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        String metadata = "{\"principal\":\"admin\",\"i\":12345,\"run\":{\"id\":\"r-77\",\"ok\":true,\"n\":[1,2,3]}}";
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            byte[] out = null;
            for (int i = 0; i < 100_000; i++) {
                out = mac.doFinal(message);
            }
            long t1 = System.nanoTime();
            int len = 0;
            for (int i = 0; i < 100_000; i++) {
                len += new JsonCanonicalizer(metadata).getEncodedString().length();
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: hmac 100k %.0f ms, jcs 100k %.0f ms (%d %d)%n", round,
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, out[0], len);
        }
    }
}
