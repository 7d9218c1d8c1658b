package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.devstate.testsupport.Rfc9162;

import org.junit.jupiter.api.Test;

/**
 * The tree as tiles: roots and proofs agree with the Certificate Transparency reference vectors
 * (RFC 6962, as transparency-dev/merkle publishes them), with a tree computed naively over all
 * leaves, and with RFC 9162's verification algorithms ({@link Rfc9162}, written independently of
 * the code under test) — for every size up to past two full tiles, so every shape of edge is met.
 */
class TreeTilesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String[] CT_LEAVES = { "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f" };
    private static final String[] CT_ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" };

    /** A tree grown leaf by leaf, its full tiles kept as the store keeps them. */
    private static final class Grown {
        final TreeTiles edge = TreeTiles.empty();
        final Map<TileNodes.TileId, TreeTiles.Tile> tiles = new HashMap<>();
        final List<byte[]> leaves = new java.util.ArrayList<>();

        void append(byte[] leafHash) {
            leaves.add(leafHash);
            for (TreeTiles.Tile tile : edge.append(leafHash)) {
                assertThat(tiles.put(new TileNodes.TileId(tile.level(), tile.index()), tile)).isNull();
            }
        }

        TreeProofs proofs() {
            TileNodes recording = TileNodes.recording(edge);
            new TreeProofs(recording).root(edge.size());
            return new TreeProofs(TileNodes.from(edge, tiles));
        }
    }

    private static byte[] leafOf(int i) {
        return MerkleHash.leaf(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] naiveRoot(List<byte[]> leaves, int size) {
        return Rfc9162.root(leaves.subList(0, size));
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    @Test
    void rootsAndProofsAreTheReferenceOnes() {
        Grown tree = new Grown();
        assertThat(HEX.formatHex(tree.edge.root())).isEqualTo(CT_ROOTS[0]);
        for (int i = 0; i < CT_LEAVES.length; i++) {
            tree.append(MerkleHash.leaf(HEX.parseHex(CT_LEAVES[i])));
            assertThat(HEX.formatHex(tree.edge.root())).as("root of %d", i + 1).isEqualTo(CT_ROOTS[i + 1]);
        }
        TreeProofs proofs = tree.proofs();
        assertThat(hex(proofs.inclusion(0, 8))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(proofs.inclusion(5, 8))).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(proofs.consistency(2, 8))).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    }

    @Test
    void everySizeUpToPastTwoTilesAgreesWithTheNaiveTreeAndTheVerifiers() {
        Grown tree = new Grown();
        int last = 2 * TreeTiles.WIDTH + 37;
        for (int size = 1; size <= last; size++) {
            tree.append(leafOf(size - 1));
            byte[] root = tree.edge.root();
            assertThat(root).as("root of %d", size).isEqualTo(naiveRoot(tree.leaves, size));
            // Every proof at every size is quadratic; the edges and a sample in between are enough.
            if (size > 40 && size % 61 != 0 && Math.abs(size - TreeTiles.WIDTH) > 2 && size != last) {
                continue;
            }
            TreeProofs proofs = tree.proofs();
            for (int index = 0; index < size; index++) {
                List<byte[]> path = proofs.inclusion(index, size);
                assertThat(Rfc9162.verifyInclusion(index, size, tree.leaves.get(index), path, root))
                        .as("inclusion of %d in %d", index, size).isTrue();
                assertThat(Rfc9162.verifyInclusion(index, size, leafOf(-1), path, root)).isFalse();
            }
            for (int older = 1; older <= size; older++) {
                byte[] olderRoot = naiveRoot(tree.leaves, older);
                List<byte[]> proof = proofs.consistency(older, size);
                assertThat(Rfc9162.verifyConsistency(older, size, olderRoot, root, proof))
                        .as("consistency %d → %d", older, size).isTrue();
                if (older < size) {
                    assertThat(Rfc9162.verifyConsistency(older, size, leafOf(-2), root, proof)).isFalse();
                }
                assertThat(proofs.root(older)).isEqualTo(olderRoot);
            }
        }
    }

    @Test
    void theEdgeSurvivesBeingStoredAndRestored() {
        Grown tree = new Grown();
        for (int size = 1; size <= TreeTiles.WIDTH * 2 + 3; size++) {
            tree.append(leafOf(size));
            TreeTiles restored = TreeTiles.restore(tree.edge.size(), tree.edge.partialTiles());
            assertThat(restored.root()).isEqualTo(tree.edge.root());
            assertThat(restored.partialTiles()).usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(tree.edge.partialTiles());
        }
        assertThatThrownBy(() -> TreeTiles.restore(5, List.of(new byte[4 * MerkleHash.SIZE])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds 4 hashes, not 5");
    }

    @Test
    void aProofOutsideTheTreeIsRefused() {
        Grown tree = new Grown();
        tree.append(leafOf(0));
        assertThatThrownBy(() -> tree.proofs().inclusion(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.proofs().consistency(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.proofs().consistency(1, 1)).isEmpty();
    }
}
