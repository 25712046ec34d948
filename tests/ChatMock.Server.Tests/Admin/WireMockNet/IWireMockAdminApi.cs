using RestEase;
using WireMock.Admin.Mappings;
using WireMock.Admin.Requests;
using WireMock.Admin.Scenarios;

namespace ChatMock.Server.Tests.Admin.WireMockNet;

/// <summary>
/// The part of WireMock.Net's .NET admin interface (<c>WireMock.Client.IWireMockAdminApi</c> in the
/// WireMock.Net.RestClient package, which is not served here) that ChatMock's tests drive: the same RestEase routes,
/// bodies and models (its <c>[BasePath("__admin")]</c>, which RestEase 1.4 lacks, written into each route), so the
/// requests are those the real client sends and the answers must parse as it parses them.
/// </summary>
public interface IWireMockAdminApi
{
    /// <summary>GET /__admin/requests.</summary>
    [Get("__admin/requests")]
    Task<IList<LogEntryModel>> GetRequestsAsync(CancellationToken cancellationToken = default);

    /// <summary>GET /__admin/requests/{guid}.</summary>
    [Get("__admin/requests/{guid}")]
    Task<LogEntryModel> GetRequestAsync([Path("guid")] Guid id, CancellationToken cancellationToken = default);

    /// <summary>POST /__admin/requests/find with WireMock.Net's request model.</summary>
    [Post("__admin/requests/find")]
    [Header("Content-Type", "application/json")]
    Task<IList<LogEntryModel>> FindRequestsAsync([Body] RequestModel model, CancellationToken cancellationToken = default);

    /// <summary>GET /__admin/requests/find?mappingGuid=.</summary>
    [Get("__admin/requests/find")]
    Task<IList<LogEntryModel>> FindRequestsByMappingGuidAsync([Query] Guid mappingGuid, CancellationToken cancellationToken = default);

    /// <summary>DELETE /__admin/requests.</summary>
    [Delete("__admin/requests")]
    Task<StatusModel> DeleteRequestsAsync(CancellationToken cancellationToken = default);

    /// <summary>POST /__admin/requests/reset.</summary>
    [Post("__admin/requests/reset")]
    Task<StatusModel> ResetRequestsAsync(CancellationToken cancellationToken = default);

    /// <summary>GET /__admin/mappings.</summary>
    [Get("__admin/mappings")]
    Task<IList<MappingModel>> GetMappingsAsync(CancellationToken cancellationToken = default);

    /// <summary>GET /__admin/mappings/{guid}.</summary>
    [Get("__admin/mappings/{guid}")]
    Task<MappingModel> GetMappingAsync([Path("guid")] Guid id, CancellationToken cancellationToken = default);

    /// <summary>POST /__admin/mappings.</summary>
    [Post("__admin/mappings")]
    [Header("Content-Type", "application/json")]
    Task<StatusModel> PostMappingAsync([Body] MappingModel mapping, CancellationToken cancellationToken = default);

    /// <summary>POST /__admin/mappings/reset.</summary>
    [Post("__admin/mappings/reset")]
    Task<StatusModel> ResetMappingsAsync(bool? reloadStaticMappings = false, CancellationToken cancellationToken = default);

    /// <summary>GET /__admin/scenarios.</summary>
    [Get("__admin/scenarios")]
    Task<IList<ScenarioStateModel>> GetScenariosAsync(CancellationToken cancellationToken = default);
}
