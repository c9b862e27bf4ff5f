using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LossModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LossModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    PricePerView = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    PricePerDownload = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    SubstitutionLow = table.Column<double>(type: "REAL", nullable: false),
                    SubstitutionHigh = table.Column<double>(type: "REAL", nullable: false),
                    DefaultCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    CountryPrices = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LossModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LossModels_OwnerOrganisationId",
                table: "LossModels",
                column: "OwnerOrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LossModels");
        }
    }
}
