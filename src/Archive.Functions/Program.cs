using Archive.Functions;
using Archive.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ExceptionMiddleware>();
builder.UseMiddleware<ReadAccessMiddleware>();
builder.Services.AddArchiveFunctions(builder.Configuration);
builder.Build().Run();
