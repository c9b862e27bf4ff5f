using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CrawlRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Pages = table.Column<int>(type: "integer", nullable: false),
                    Listings = table.Column<int>(type: "integer", nullable: false),
                    Matched = table.Column<int>(type: "integer", nullable: false),
                    Signals = table.Column<int>(type: "integer", nullable: false),
                    New = table.Column<int>(type: "integer", nullable: false),
                    EvidenceFolder = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Problem = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IngestDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrawlRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrawlRuns_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Observations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Href = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    InfoHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PageUrl = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    WorkId = table.Column<Guid>(type: "uuid", nullable: true),
                    Episode = table.Column<int>(type: "integer", nullable: true),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Counters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstRunId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastRunId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvidenceDigest = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    WarcFile = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    WarcOffset = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Observations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Observations_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlatformMonitors",
                columns: table => new
                {
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    IntervalMinutes = table.Column<int>(type: "integer", nullable: false),
                    Seeds = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    MaxPages = table.Column<int>(type: "integer", nullable: false),
                    MaxDepth = table.Column<int>(type: "integer", nullable: false),
                    DelayMs = table.Column<int>(type: "integer", nullable: false),
                    PerHost = table.Column<int>(type: "integer", nullable: false),
                    RespectRobots = table.Column<bool>(type: "boolean", nullable: false),
                    Profile = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Resolve = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    NextRunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastRunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformMonitors", x => x.PlatformId);
                    table.ForeignKey(
                        name: "FK_PlatformMonitors_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Platforms recorded before monitoring existed get the default, disabled monitor.
            migrationBuilder.Sql("""INSERT INTO "PlatformMonitors" ("PlatformId", "Enabled", "IntervalMinutes", "Seeds", "MaxPages", "MaxDepth", "DelayMs", "PerHost", "RespectRobots", "Resolve") SELECT "Id", false, 360, '', 200, 2, 250, 2, true, '' FROM "Platforms" """);

            migrationBuilder.CreateTable(
                name: "SignalSightings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Context = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PageUrl = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastRunId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignalSightings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignalSightings_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrawlRuns_PlatformId_StartedAt",
                table: "CrawlRuns",
                columns: new[] { "PlatformId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CrawlRuns_Status",
                table: "CrawlRuns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Observations_PlatformId_Key",
                table: "Observations",
                columns: new[] { "PlatformId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Observations_PlatformId_LastSeen",
                table: "Observations",
                columns: new[] { "PlatformId", "LastSeen" });

            migrationBuilder.CreateIndex(
                name: "IX_Observations_WorkId",
                table: "Observations",
                column: "WorkId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformMonitors_NextRunAt",
                table: "PlatformMonitors",
                column: "NextRunAt");

            migrationBuilder.CreateIndex(
                name: "IX_SignalSightings_PlatformId_Type_Value",
                table: "SignalSightings",
                columns: new[] { "PlatformId", "Type", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignalSightings_Type_Value",
                table: "SignalSightings",
                columns: new[] { "Type", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrawlRuns");

            migrationBuilder.DropTable(
                name: "Observations");

            migrationBuilder.DropTable(
                name: "PlatformMonitors");

            migrationBuilder.DropTable(
                name: "SignalSightings");
        }
    }
}
