using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CollectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SentBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Producers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BundleId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Duplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    UnknownTypes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Successes = table.Column<string>(type: "TEXT", nullable: true),
                    Failures = table.Column<string>(type: "TEXT", nullable: true),
                    Tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CollectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StixId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    SpecVersion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Created = table.Column<long>(type: "INTEGER", nullable: true),
                    Modified = table.Column<long>(type: "INTEGER", nullable: true),
                    VersionKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    DateAdded = table.Column<long>(type: "INTEGER", nullable: false),
                    Latest = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revoked = table.Column<bool>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CollectionUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProtectedSecret = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IntervalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    UnmarkedTlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AddedAfter = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastPulledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextPullAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastAdded = table.Column<int>(type: "INTEGER", nullable: false),
                    LastProblem = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                name: "IX_StixObjects_OwnerOrganisationId_CollectionId_StixId_VersionKey",
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
