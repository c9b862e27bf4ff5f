using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Sharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StixImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CollectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SentBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Producers = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BundleId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Digest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Duplicates = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    UnknownTypes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Successes = table.Column<string>(type: "text", nullable: true),
                    Failures = table.Column<string>(type: "text", nullable: true),
                    Tlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StixImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StixImports_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StixObjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CollectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    StixId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    SpecVersion = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VersionKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    DateAdded = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Latest = table.Column<bool>(type: "boolean", nullable: false),
                    Revoked = table.Column<bool>(type: "boolean", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Origin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StixObjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StixObjects_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TaxiiFeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CollectionUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProtectedSecret = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IntervalMinutes = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    UnmarkedTlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AddedAfter = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastPulledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextPullAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastAdded = table.Column<int>(type: "integer", nullable: false),
                    LastProblem = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Tlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaxiiFeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaxiiFeeds_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StixImports_OwnerOrganisationId_ReceivedAt",
                table: "StixImports",
                columns: new[] { "OwnerOrganisationId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StixObjects_CollectionId_DateAdded",
                table: "StixObjects",
                columns: new[] { "CollectionId", "DateAdded" });

            migrationBuilder.CreateIndex(
                name: "IX_StixObjects_CollectionId_Latest_DateAdded",
                table: "StixObjects",
                columns: new[] { "CollectionId", "Latest", "DateAdded" });

            migrationBuilder.CreateIndex(
                name: "IX_StixObjects_OwnerOrganisationId_CollectionId_StixId_Version~",
                table: "StixObjects",
                columns: new[] { "OwnerOrganisationId", "CollectionId", "StixId", "VersionKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TaxiiFeeds_NextPullAt",
                table: "TaxiiFeeds",
                column: "NextPullAt");

            migrationBuilder.CreateIndex(
                name: "IX_TaxiiFeeds_OwnerOrganisationId_Name",
                table: "TaxiiFeeds",
                columns: new[] { "OwnerOrganisationId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StixImports");

            migrationBuilder.DropTable(
                name: "StixObjects");

            migrationBuilder.DropTable(
                name: "TaxiiFeeds");
        }
    }
}
