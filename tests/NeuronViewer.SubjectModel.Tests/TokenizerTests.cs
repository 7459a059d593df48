using System.Text;
using NeuronViewer.SubjectModel.Tokenization;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>GPT-2 BPE ids and token strings, including tokens that hold part of a UTF-8 character.</summary>
public class TokenizerTests
{
    private static Gpt2Tokenizer Tok => Gpt2Tokenizer.Shared;

    [Fact]
    public void Encodes_the_reference_sentence_to_the_known_ids()
    {
        Assert.Equal(new[] { 1169, 2565, 286, 1978, 1108, 287, 674, 3240, 318, 1913, 13 },
            Tok.Encode("the sense of togetherness in our town is strong."));
    }

    [Fact]
    public void Token_strings_keep_their_leading_space_and_rejoin_to_the_text()
    {
        var text = "the sense of togetherness in our town is strong.";
        var strings = Tok.TokenStrings(Tok.Encode(text));
        Assert.Equal(" sense", strings[1]);
        Assert.Equal(text, string.Concat(strings));
        Assert.Equal(50257, Tok.VocabularySize);
    }

    [Fact]
    public void End_of_text_is_the_special_token()
    {
        var ids = Tok.Encode("a<|endoftext|>b");
        Assert.Contains(Gpt2Tokenizer.EndOfText, ids);
        Assert.Equal("<|endoftext|>", Tok.TokenString(Gpt2Tokenizer.EndOfText));
    }

    [Fact]
    public void Tokens_holding_part_of_a_character_are_shown_as_byte_escapes_and_nothing_is_lost()
    {
        var text = "héllo 日本 😀";
        var ids = Tok.Encode(text);
        var strings = Tok.TokenStrings(ids);
        Assert.Contains(strings, s => s.Contains("\\x", StringComparison.Ordinal));
        Assert.DoesNotContain(strings, s => s.Contains('\uFFFD', StringComparison.Ordinal));
        // Every byte is accounted for: escapes plus characters give back exactly the token bytes.
        foreach (var id in ids)
            Assert.Equal(Tok.TokenBytes(id).ToArray(), Unescape(Tok.TokenString(id)));
        Assert.Equal(text, Tok.Decode(ids));
    }

    [Fact]
    public void Every_vocabulary_token_has_a_distinct_display_string_that_maps_back_to_it()
    {
        for (int id = 0; id < Tok.VocabularySize; id++)
        {
            var s = Tok.TokenString(id);
            Assert.True(Tok.TryGetId(s, out var back) && back == id, $"token {id} '{s}' maps back to {back}");
            Assert.Equal(Tok.TokenBytes(id).ToArray(), Unescape(s));
        }
    }

    [Fact]
    public void Display_strings_agree_with_the_library_decoder_for_complete_characters()
    {
        var tokenizer = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForModel("gpt2");
        int checkedCount = 0;
        for (int id = 0; id < 50256; id += 7)
        {
            var s = Tok.TokenString(id);
            if (s.Contains("\\x", StringComparison.Ordinal)) continue;
            Assert.Equal(tokenizer.Decode([id]), s);
            checkedCount++;
        }
        Assert.True(checkedCount > 6000);
    }

    /// <summary>The documented inverse of the display rule: \xNN is one byte, everything else is UTF-8.</summary>
    private static byte[] Unescape(string s)
    {
        var result = new List<byte>();
        for (int i = 0; i < s.Length;)
        {
            if (i + 3 < s.Length + 0 && s[i] == '\\' && s[i + 1] == 'x' && IsHex(s[i + 2]) && IsHex(s[i + 3]))
            {
                result.Add(Convert.ToByte(s.Substring(i + 2, 2), 16));
                i += 4;
            }
            else
            {
                int len = char.IsSurrogatePair(s, i) ? 2 : 1;
                result.AddRange(Encoding.UTF8.GetBytes(s.Substring(i, len)));
                i += len;
            }
        }
        return result.ToArray();
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'F');
}
