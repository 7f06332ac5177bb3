using System.Security.Cryptography;
using EpicZoom.Application.Common.Interfaces;

namespace EpicZoom.Infrastructure.Security;

internal sealed class RandomOrgIdGenerator : IOrgIdGenerator
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789"; // no 0/o, 1/l: it is read aloud and retyped

    public string NewOrgId() => "org-" + RandomNumberGenerator.GetString(Alphabet, 16);
}
