package io.devstate.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 6962 hashing and the RFC 9162 verification algorithms (sections 2.1.3.2 and 2.1.4.2),
 * written from the RFC's text for the tests, independently of the service's tree code.
 */
public final class Rfc9162 {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Rfc9162() {
    }

    public static byte[] leafHash(byte[] data) {
        return sha256(new byte[] { 0 }, data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return sha256(new byte[] { 1 }, left, right);
    }

    /** MTH of the leaf hashes, computed naively from the definition. */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return sha256();
        }
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return nodeHash(root(leafHashes.subList(0, k)), root(leafHashes.subList(k, leafHashes.size())));
    }

    public static boolean verifyInclusion(long index, long size, byte[] leaf, List<byte[]> path, byte[] root) {
        if (index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
            List<byte[]> proof) {
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        if (path.isEmpty() || first > second) {
            return false;
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    /**
     * The leaf hashes of a {@code .trae/history.json} text as docs/CHAIN.md defines them: the JCS
     * (the library, not the service's code) of each entry with {@code project} added.
     */
    public static List<byte[]> leavesOfHistoryFile(String historyFile) {
        try {
            JsonNode history = MAPPER.readTree(historyFile);
            String project = history.get("project").asText();
            List<byte[]> leaves = new ArrayList<>();
            for (JsonNode entry : history.get("entries")) {
                ObjectNode member = ((ObjectNode) entry.deepCopy()).put("project", project);
                String canonical = new JsonCanonicalizer(MAPPER.writeValueAsString(member)).getEncodedString();
                leaves.add(leafHash(canonical.getBytes(StandardCharsets.UTF_8)));
            }
            return leaves;
        } catch (IOException e) {
            throw new IllegalStateException("not a history file", e);
        }
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
