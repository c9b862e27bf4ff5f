using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Enforcement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AbuseContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Domains = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Networks = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AddedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AbuseContacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AllowedDomains",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllowedDomains", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BlockingDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    Jurisdiction = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Basis = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Tlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BlockingDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BlockingDecisions_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BlocklistPublications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Jurisdiction = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Audience = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ContentDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Serial = table.Column<long>(type: "bigint", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BlocklistPublications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    Recipient = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Basis = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Urls = table.Column<string>(type: "character varying(1100000)", maxLength: 1100000, nullable: false),
                    Works = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000000)", maxLength: 2000000, nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000000)", maxLength: 2000000, nullable: false),
                    State = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    DraftedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DraftedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DraftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ApprovedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ContentDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SentFrom = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    MessageId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    MessageDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RespondedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FollowUpOf = table.Column<Guid>(type: "uuid", nullable: true),
                    Tlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notices_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AbuseContacts_Email",
                table: "AbuseContacts",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AllowedDomains_Name_RemovedAt",
                table: "AllowedDomains",
                columns: new[] { "Name", "RemovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BlockingDecisions_Jurisdiction_RevokedAt",
                table: "BlockingDecisions",
                columns: new[] { "Jurisdiction", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BlockingDecisions_OwnerOrganisationId",
                table: "BlockingDecisions",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_BlockingDecisions_PlatformId",
                table: "BlockingDecisions",
                column: "PlatformId");

            migrationBuilder.CreateIndex(
                name: "IX_BlocklistPublications_Jurisdiction_Audience",
                table: "BlocklistPublications",
                columns: new[] { "Jurisdiction", "Audience" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notices_OwnerOrganisationId",
                table: "Notices",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_PlatformId",
                table: "Notices",
                column: "PlatformId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_State_CreatedAt",
                table: "Notices",
                columns: new[] { "State", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AbuseContacts");

            migrationBuilder.DropTable(
                name: "AllowedDomains");

            migrationBuilder.DropTable(
                name: "BlockingDecisions");

            migrationBuilder.DropTable(
                name: "BlocklistPublications");

            migrationBuilder.DropTable(
                name: "Notices");
        }
    }
}
