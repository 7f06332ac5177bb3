using System.Buffers.Text;
using System.Security.Cryptography;
using EpicZoom.Application.Common.Interfaces;

namespace EpicZoom.Infrastructure.Security;

internal sealed class RandomTokens : IRandomTokens
{
    private const string PasscodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public string NewToken(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public string NewPasscode(int length = 10) => RandomNumberGenerator.GetString(PasscodeAlphabet, length);
}
