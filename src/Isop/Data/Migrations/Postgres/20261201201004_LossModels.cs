using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PricePerView = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    PricePerDownload = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    SubstitutionLow = table.Column<double>(type: "double precision", nullable: false),
                    SubstitutionHigh = table.Column<double>(type: "double precision", nullable: false),
                    DefaultCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    CountryPrices = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Tlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
