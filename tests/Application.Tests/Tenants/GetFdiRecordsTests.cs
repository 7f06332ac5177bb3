using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Tenants.GetFdiRecords;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Tests.Tenants;

public sealed class GetFdiRecordsTests : IDisposable
{
    // Verbatim from the seed document, "Configuring Epic FDI records".
    private static readonly Dictionary<LaunchType, string> SeedContext = new()
    {
        [LaunchType.Provider] = "epicSessionId=%CSN%&firstName=%USERFNAME%&lastName=%USERLNAME%&epicUserId=%EPICUSERID;;; ; ;;NONE;%&useProviderZoomAccount=<true|false>&noRedirect=<true|false>",
        [LaunchType.Patient] = "epicSessionId=%CSN%&epicUserId=%WPRID;;; ;;;NONE;%&firstName=%WPRFNAME%&lastName=%WPRLNAME%&encounterProviderId=%EXTENSION;<Provider LPP ID>%&useProviderZoomAccount=false&noRedirect=<true|false>",
        [LaunchType.ZoomRoom] = "epicSessionId=%CSN%&epicProviderId=%USERPROVID;;;;;<ID TypeValue>%&useProviderZoomAccount=<true/false>&roomName=<Zoom Room Name>&roomDisplay=<Zoom Room Display Name>&noRedirect=<true|false>",
        [LaunchType.Nurse] = "epicSessionId=%CSN%&firstName=%USERFNAME%&lastName=%USERLNAME%&epicProviderId=%USERPROVID;;;;;<ID type value>%&useProviderZoomAccount=<true|false>&noRedirect=<true|false>",
        [LaunchType.DeviceTest] = "epicSessionId=%CSN%&epicUserId=%WPRID;;; ;;;NONE;%&firstName=%WPRFNAME%&lastName=%WPRLNAME%",
    };

    private readonly TestApp app = new();

    private async Task<FdiRecordsDto> Get(FdiOptions? options = null)
    {
        var input = Inputs.Valid(orgId: "acme-health");
        input.Environment = EpicEnvironment.Production;
        var id = (await app.CreateTenant(input)).Id;
        return await app.Send(new GetFdiRecordsQuery(id, options));
    }

    private static string Seed(LaunchType type, string booleans) =>
        SeedContext[type].Replace("<true|false>", booleans).Replace("<true/false>", booleans);

    [Fact]
    public async Task Get_ReturnsOneRecordPerLaunchTypeWithItsUrl()
    {
        var dto = await Get();

        Assert.Equal(("Acme Health", "acme-health", EpicEnvironment.Production, "epic-client"), (dto.TenantName, dto.OrgId, dto.Environment, dto.EpicClientId));
        Assert.Equal(
        [
            (LaunchType.Provider, "Provider (Hyperspace)", "https://ez.example.org/epicfhir/providerlaunch?org_id=acme-health"),
            (LaunchType.Nurse, "Nurse (Hyperspace)", "https://ez.example.org/epicfhir/nurselaunch?org_id=acme-health"),
            (LaunchType.Patient, "Patient (MyChart)", "https://ez.example.org/epicfhir/patientlaunch?org_id=acme-health"),
            (LaunchType.ZoomRoom, "Zoom Room (In-Patient)", "https://ez.example.org/epicfhir/zoomroomlaunch?org_id=acme-health"),
            (LaunchType.DeviceTest, "Device Test", "https://ez.example.org/epicfhir/devicetest?org_id=acme-health"),
        ], dto.Records.Select(r => (r.LaunchType, r.Label, r.Url)));
    }

    [Fact]
    public async Task Get_ListsEveryValueToRegisterInEpicZoomAndTheSmsProvider_WithThisTenantsRealUrls()
    {
        var dto = await Get();

        Assert.Equal(
        [
            ("Epic", "SMART redirect URI", "https://ez.example.org/epicfhir/callback"),
            ("Epic", "JWK Set URL", "https://ez.example.org/jwks/acme-health"),
            ("Zoom", "Event notification endpoint URL", "https://ez.example.org/zoom/webhooks"),
            ("Zoom", "Events to subscribe",
                "meeting.started, meeting.ended, meeting.participant_joined, meeting.participant_left, meeting.participant_joined_breakout_room, meeting.participant_left_breakout_room"),
            ("SMS", "Incoming message webhook URL", "https://ez.example.org/sms/inbound/acme-health"),
            ("SMS", "Status callback URL", "https://ez.example.org/sms/status/acme-health"),
        ], dto.Registration.Select(r => (r.System, r.Label, r.Value)));
        Assert.All(dto.Registration, r => Assert.False(string.IsNullOrWhiteSpace(r.Where)));
    }

    [Fact]
    public async Task Get_WithEveryOptionGiven_FillsTheSeedContextsExactly()
    {
        var dto = await Get(new FdiOptions(UseProviderZoomAccount: true, NoRedirect: true, ProviderIdTypeValue: " EXTERNAL ",
            EncounterProviderLppId: "1234", RoomName: "Room 7", RoomDisplay: "Ward B Room 7"));

        Assert.All(dto.Records, r => Assert.False(r.HasPlaceholders));
        Assert.Equal(
        [
            Seed(LaunchType.Provider, "true"),
            Seed(LaunchType.Nurse, "true").Replace("<ID type value>", "EXTERNAL"),
            Seed(LaunchType.Patient, "true").Replace("<Provider LPP ID>", "1234"),
            Seed(LaunchType.ZoomRoom, "true").Replace("<ID TypeValue>", "EXTERNAL")
                .Replace("<Zoom Room Name>", "Room 7").Replace("<Zoom Room Display Name>", "Ward B Room 7"),
            Seed(LaunchType.DeviceTest, "true"),
        ], dto.Records.Select(r => r.Context));
    }

    [Fact]
    public async Task Get_WithoutOptions_KeepsTheSeedPlaceholdersAndTurnsFlagsOff()
    {
        var dto = await Get();

        var context = dto.Records.ToDictionary(r => r.LaunchType, r => r.Context);
        Assert.Equal(Seed(LaunchType.Provider, "false"), context[LaunchType.Provider]);
        Assert.Equal(Seed(LaunchType.Patient, "false"), context[LaunchType.Patient]);
        Assert.Equal(Seed(LaunchType.Nurse, "false"), context[LaunchType.Nurse]);
        Assert.Equal(Seed(LaunchType.DeviceTest, "false"), context[LaunchType.DeviceTest]);
        // The seed spells this one placeholder "<ID TypeValue>"; EpicZoom uses the Nurse record's spelling for both.
        Assert.Equal(Seed(LaunchType.ZoomRoom, "false").Replace("<ID TypeValue>", "<ID type value>"), context[LaunchType.ZoomRoom]);
        Assert.Equal([false, true, true, true, false], dto.Records.Select(r => r.HasPlaceholders));
    }

    [Fact]
    public async Task Get_SetsEachFlagIndependentlyAndKeepsPatientsOffTheProviderAccount()
    {
        var dto = await Get(new FdiOptions(UseProviderZoomAccount: true, NoRedirect: false, RoomName: "   "));

        var context = dto.Records.ToDictionary(r => r.LaunchType, r => r.Context);
        Assert.EndsWith("useProviderZoomAccount=true&noRedirect=false", context[LaunchType.Provider]);
        Assert.EndsWith("useProviderZoomAccount=true&noRedirect=false", context[LaunchType.Nurse]);
        Assert.Contains("useProviderZoomAccount=false&noRedirect=false", context[LaunchType.Patient]);
        Assert.Contains("useProviderZoomAccount=true&roomName=<Zoom Room Name>&", context[LaunchType.ZoomRoom]);
    }

    [Theory]
    [InlineData(nameof(FdiOptions.ProviderIdTypeValue), "EXT&x=1")]
    [InlineData(nameof(FdiOptions.EncounterProviderLppId), "12=3")]
    [InlineData(nameof(FdiOptions.RoomName), "Room%20A")]
    [InlineData(nameof(FdiOptions.RoomName), "Room & Board")]
    [InlineData(nameof(FdiOptions.RoomDisplay), "<b>Room</b>")]
    [InlineData(nameof(FdiOptions.RoomDisplay), "\"Room\"")]
    public async Task Get_WhenAnOptionWouldSplitTheContext_FailsOnThatOption(string property, string value)
    {
        var id = (await app.CreateTenant()).Id;
        var options = With(new FdiOptions(), property, value);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.Send(new GetFdiRecordsQuery(id, options)));

        Assert.Equal([$"Options.{property}"], ex.Errors.Keys);
    }

    [Theory]
    [InlineData(nameof(FdiOptions.ProviderIdTypeValue), 50)]
    [InlineData(nameof(FdiOptions.EncounterProviderLppId), 50)]
    [InlineData(nameof(FdiOptions.RoomName), 200)]
    [InlineData(nameof(FdiOptions.RoomDisplay), 200)]
    public async Task Get_WhenAnOptionIsTooLong_FailsOnThatOption(string property, int max)
    {
        var id = (await app.CreateTenant()).Id;
        await app.Send(new GetFdiRecordsQuery(id, With(new FdiOptions(), property, new string('a', max))));

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            app.Send(new GetFdiRecordsQuery(id, With(new FdiOptions(), property, new string('a', max + 1)))));

        Assert.Equal([$"Options.{property}"], ex.Errors.Keys);
    }

    [Fact]
    public async Task Get_WhenTenantDoesNotExist_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => app.Send(new GetFdiRecordsQuery(Guid.NewGuid())));
    }

    private static FdiOptions With(FdiOptions options, string property, string value) => property switch
    {
        nameof(FdiOptions.ProviderIdTypeValue) => options with { ProviderIdTypeValue = value },
        nameof(FdiOptions.EncounterProviderLppId) => options with { EncounterProviderLppId = value },
        nameof(FdiOptions.RoomName) => options with { RoomName = value },
        nameof(FdiOptions.RoomDisplay) => options with { RoomDisplay = value },
        _ => throw new ArgumentOutOfRangeException(nameof(property)),
    };

    public void Dispose() => app.Dispose();
    [Fact]
    public async Task GroupVisitVariants_UseTheConferenceIdInPlaceOfTheCsn_AndKeepEveryOtherToken()
    {
        var dto = await Get();

        Assert.Equal([LaunchType.Provider, LaunchType.Nurse, LaunchType.Patient], dto.GroupRecords.Select(r => r.LaunchType));
        foreach (var group in dto.GroupRecords)
        {
            var individual = dto.Records.Single(r => r.LaunchType == group.LaunchType);
            Assert.StartsWith("epicSessionId=%CONFERENCEID%&", group.Context);
            Assert.DoesNotContain("%CSN%", group.Context);
            Assert.Equal(individual.Context.Replace("%CSN%", "%CONFERENCEID%"), group.Context);
            Assert.Equal(individual.Url, group.Url);
            Assert.Equal(individual.Label + ", group visit", group.Label);
        }
    }
}
