using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReleaseNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PostedAt",
                table: "Observations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Release",
                table: "Observations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReleaseGroup",
                table: "Observations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Observations_Release",
                table: "Observations",
                column: "Release");

            migrationBuilder.CreateIndex(
                name: "IX_Observations_ReleaseGroup",
                table: "Observations",
                column: "ReleaseGroup");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Observations_Release",
                table: "Observations");

            migrationBuilder.DropIndex(
                name: "IX_Observations_ReleaseGroup",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "PostedAt",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "Release",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "ReleaseGroup",
                table: "Observations");
        }
    }
}
