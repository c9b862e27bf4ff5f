using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SignalIdentities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FirstRunId",
                table: "SignalSightings",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "Identity",
                table: "SignalSightings",
                type: "character varying(560)",
                maxLength: 560,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WarcFile",
                table: "SignalSightings",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WarcOffset",
                table: "SignalSightings",
                type: "bigint",
                nullable: true);

            // Sightings stored before this were first seen in a run that is no longer known: their last run stands for it.
            migrationBuilder.Sql("UPDATE \"SignalSightings\" SET \"FirstRunId\" = \"LastRunId\"");

            migrationBuilder.CreateIndex(
                name: "IX_SignalSightings_Identity",
                table: "SignalSightings",
                column: "Identity");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SignalSightings_Identity",
                table: "SignalSightings");

            migrationBuilder.DropColumn(
                name: "FirstRunId",
                table: "SignalSightings");

            migrationBuilder.DropColumn(
                name: "Identity",
                table: "SignalSightings");

            migrationBuilder.DropColumn(
                name: "WarcFile",
                table: "SignalSightings");

            migrationBuilder.DropColumn(
                name: "WarcOffset",
                table: "SignalSightings");
        }
    }
}
