using System.Text;
using Archive.Core.Provenance;

namespace Archive.Core.Tests.Provenance;

public sealed class MerkleTreeTests
{
    // The leaves and roots of Certificate Transparency's reference tests (RFC 6962 trees of 1 to 8 leaves).
    private static readonly string[] CtLeaves =
    [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ];

    private static readonly string[] CtRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Roots_match_the_reference_trees_of_rfc_6962()
    {
        for (var n = 1; n <= CtLeaves.Length; n++)
        {
            var tree = MerkleTree.Build([.. CtLeaves.Take(n).Select(h => MerkleTree.HashLeaf(Convert.FromHexString(h)))]);
            Assert.Equal(CtRoots[n - 1], Convert.ToHexStringLower(tree.Root));
        }
    }

    [Fact]
    public void The_empty_tree_has_the_hash_of_nothing_as_its_root() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.Build([]).Root));

    [Fact]
    public void Every_leaf_of_trees_up_to_70_leaves_proves_its_inclusion_and_matches_the_recursive_definition()
    {
        for (var size = 1; size <= 70; size++)
        {
            var leaves = Leaves(size);
            var tree = MerkleTree.Build(leaves);
            Assert.Equal(Convert.ToHexStringLower(RecursiveRoot(leaves, 0, size)), Convert.ToHexStringLower(tree.Root));
            for (var i = 0; i < size; i++)
            {
                var proof = tree.InclusionProof(i);
                Assert.True(MerkleTree.VerifyInclusion(leaves[i], i, size, proof, tree.Root), $"leaf {i} of {size}");
            }
        }
    }

    [Fact]
    public void A_proof_fails_for_another_leaf_index_size_or_a_changed_sibling()
    {
        var leaves = Leaves(13);
        var tree = MerkleTree.Build(leaves);
        var proof = tree.InclusionProof(5);
        Assert.False(MerkleTree.VerifyInclusion(leaves[6], 5, 13, proof, tree.Root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 4, 13, proof, tree.Root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 5, 40, proof, tree.Root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 5, 13, proof.Take(proof.Count - 1).ToList(), tree.Root));
        var changed = proof.Select(p => (byte[])p.Clone()).ToList();
        changed[1][0] ^= 1;
        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 5, 13, changed, tree.Root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 13, 13, proof, tree.Root));
    }

    [Fact]
    public void A_leaf_cannot_pass_for_an_inner_node()
    {
        var left = MerkleTree.HashLeaf("a"u8);
        var right = MerkleTree.HashLeaf("b"u8);
        var node = MerkleTree.HashNode(left, right);
        Assert.NotEqual(node, MerkleTree.HashLeaf([.. left, .. right]));
    }

    private static List<byte[]> Leaves(int count) =>
        [.. Enumerable.Range(0, count).Select(i => MerkleTree.HashLeaf(Encoding.UTF8.GetBytes($"leaf {i}")))];

    // RFC 6962's definition as written: split at the largest power of two smaller than n.
    private static byte[] RecursiveRoot(List<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = 1;
        while (k << 1 < count)
        {
            k <<= 1;
        }

        return MerkleTree.HashNode(RecursiveRoot(leaves, start, k), RecursiveRoot(leaves, start + k, count - k));
    }
}
